using System.Text;
using LoyaltyHub.Core.Features.Customers;

namespace LoyaltyHub.UnitTests.Features.Customers;

/// <summary>The import's CSV reading: the separator from the header line, quoted fields, Excel's encodings and hint line.</summary>
public sealed class CsvUploadTests
{
    private static Task<CsvTable> ReadAsync(string text, Encoding? encoding = null) =>
        CustomerService.ReadCsvAsync(new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(text)));

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    public async Task The_separator_of_the_header_line_splits_every_row(string separator)
    {
        var table = await ReadAsync(string.Join("\r\n",
            string.Join(separator, "first name", "last name", "email"),
            string.Join(separator, "Anne", "Martin", "anne@example.com"),
            string.Join(separator, "Luc", "Petit", "luc@example.com")) + "\r\n");

        Assert.Equal(["first name", "last name", "email"], table.Headers);
        Assert.Equal([["Anne", "Martin", "anne@example.com"], ["Luc", "Petit", "luc@example.com"]], table.Rows);
    }

    [Fact]
    public async Task A_semicolon_file_keeps_the_decimal_commas_and_quoted_separators_of_its_cells()
    {
        // As a French Excel saves it: more commas than semicolons in the data, none in the header.
        var table = await ReadAsync(
            "prénom;nom;adresse;panier moyen\n" +
            "Hélène;\"Dupont; fils\";\"12, rue de la Paix, Paris\";12,50\n" +
            "Luc;Petit;\"3, place \"\"Bellecour\"\"\nLyon\";7,25\n");

        Assert.Equal(["prénom", "nom", "adresse", "panier moyen"], table.Headers);
        Assert.Equal(
            [["Hélène", "Dupont; fils", "12, rue de la Paix, Paris", "12,50"], ["Luc", "Petit", "3, place \"Bellecour\"\nLyon", "7,25"]],
            table.Rows);
    }

    [Fact]
    public async Task Separators_inside_quoted_header_names_do_not_count()
    {
        var table = await ReadAsync("\"name, first\";\"name, last\";\"e-mail, private\"\nAnne;Martin;anne@example.com\n");

        Assert.Equal(["name, first", "name, last", "e-mail, private"], table.Headers);
        Assert.Equal([["Anne", "Martin", "anne@example.com"]], table.Rows);
    }

    [Fact]
    public async Task A_single_column_file_is_read_whole()
    {
        var table = await ReadAsync("email\nanne@example.com\nluc@example.com\n");

        Assert.Equal(["email"], table.Headers);
        Assert.Equal([["anne@example.com"], ["luc@example.com"]], table.Rows);
    }

    [Fact]
    public async Task Excel_s_sep_hint_line_names_the_separator_and_is_skipped()
    {
        var table = await ReadAsync("sep=;\r\nfirst name;last name\r\nAnne;Martin, Jr\r\n");

        Assert.Equal(["first name", "last name"], table.Headers);
        Assert.Equal([["Anne", "Martin, Jr"]], table.Rows);
    }

    [Fact]
    public async Task A_windows_1252_file_is_decoded_and_a_utf8_byte_order_mark_is_dropped()
    {
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var legacy = await ReadAsync("prénom;nom\nHélène;Cœur’s\n", windows1252);
        var bom = await CustomerService.ReadCsvAsync(new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("prénom;nom\nHélène;Cœur\n")]));

        Assert.Equal(["prénom", "nom"], legacy.Headers);
        Assert.Equal([["Hélène", "Cœur’s"]], legacy.Rows);
        Assert.Equal(["prénom", "nom"], bom.Headers);
        Assert.Equal([["Hélène", "Cœur"]], bom.Rows);
    }

    [Theory]
    [InlineData("a,b;c\n", ',')]
    [InlineData("a;b;c,d\n", ';')]
    [InlineData("a\tb\tc;d,e\n", '\t')]
    [InlineData("a\n", ',')]
    [InlineData("", ',')]
    public void The_most_frequent_candidate_of_the_header_line_wins_and_a_tie_goes_to_the_comma(string text, char expected) =>
        Assert.Equal((expected, 0), CsvUpload.Dialect(text));
}
