using LoyaltyHub.Core.Features.Customers;

namespace LoyaltyHub.UnitTests.Features.Customers;

public sealed class SearchKeysTests
{
    [Theory]
    [InlineData("Durand", "Alice", "durand alice")]
    [InlineData("  D'Artagnan-Ruiz ", " Hélène", "dartagnan ruiz helene")]
    [InlineData("Müller", "Jürgen", "muller jurgen")]
    [InlineData("Strauß", "Œdipe", "strauss oedipe")]
    [InlineData("Nørgaard", "Łukasz", "norgaard lukasz")]
    [InlineData("Иванов", "Пётр", "иванов петр")]
    [InlineData("DE LA  FONTAINE", "Jean", "de la fontaine jean")]
    [InlineData("Rossi", "", "rossi")]
    public void Names_become_lower_case_unaccented_last_first_keys(string last, string first, string expected) =>
        Assert.Equal(expected, SearchKeys.Name(last, first));

    [Theory]
    [InlineData("d'art", "dart")]
    [InlineData("DARTAGNAN-R", "dartagnan r")]
    [InlineData("Hélè", "hele")]
    [InlineData("  jean   pierre ", "jean pierre")]
    [InlineData("o’brien", "obrien")]
    [InlineData("%_*", "")]
    public void Queries_are_normalised_the_same_way(string query, string expected) =>
        Assert.Equal(expected, SearchKeys.Normalize(query));

    [Fact]
    public void A_typed_prefix_is_a_prefix_of_the_stored_key()
    {
        var stored = SearchKeys.Name("D'Artagnan-Ruiz", "Hélène");

        foreach (var typed in new[] { "dartagnan", "D'Art", "d’artagnan ruiz", "DArtagnan-Ruiz Hél", "dartagnan-ruiz helene" })
        {
            Assert.StartsWith(SearchKeys.Normalize(typed), stored, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Keys_never_exceed_the_column()
    {
        var key = SearchKeys.Name(new string('a', 150), new string('b', 150));

        Assert.Equal(SearchKeys.MaxLength, key.Length);
    }
}
