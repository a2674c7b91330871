using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Customers;

namespace LoyaltyHub.UnitTests.Features.Customers;

public sealed class CustomerRegistrationTests
{
    [Fact]
    public void A_search_that_found_nobody_prefills_the_matching_field()
    {
        Assert.Equal("100000000016", CustomerRegistration.ForQuery(" 1000 0000 0016 ").CardNumber);
        Assert.Equal("zoe@example.com", CustomerRegistration.ForQuery("zoe@example.com").Email);
        Assert.Equal("06 12 34 56 78", CustomerRegistration.ForQuery("06 12 34 56 78").Phone); // Luhn-valid, yet a phone
        Assert.Equal("+33 6 12 34 56 78", CustomerRegistration.ForQuery("+33 6 12 34 56 78").Phone);
        Assert.Equal("12 34", CustomerRegistration.ForQuery("12 34").Phone);
        Assert.Equal("Lefèvre", CustomerRegistration.ForQuery("Lefèvre").LastName);
        var empty = CustomerRegistration.ForQuery("  ");
        Assert.Equal(("", null, null, null), (empty.LastName, empty.CardNumber, empty.Email, empty.Phone));
    }

    [Fact]
    public void Only_the_names_are_required()
    {
        var result = Result.Validate(new CustomerRegistration());

        Assert.NotNull(result);
        Assert.Equal([nameof(CustomerInput.FirstName), nameof(CustomerInput.LastName)], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(Result.Validate(new CustomerRegistration { FirstName = "Zoé", LastName = "Lefèvre" }));
    }

    [Theory]
    [InlineData(nameof(CustomerInput.Email), "zoe-at-example.com", "Enter a valid email address.")]
    [InlineData(nameof(CustomerInput.PostalCode), "75004 Paris!", "Enter a postal code such as 75004.")]
    [InlineData(nameof(CustomerInput.Language), "de", "Choose English, French, Italian or Russian.")]
    [InlineData(nameof(CustomerInput.FirstName), "", "Enter the first name.")]
    public void Each_rule_reports_its_message_on_its_field(string field, string value, string message)
    {
        var input = new CustomerRegistration { FirstName = "Zoé", LastName = "Lefèvre" };
        typeof(CustomerRegistration).GetProperty(field)!.SetValue(input, value);

        var result = Result.Validate(input);

        Assert.NotNull(result);
        Assert.Equal([message], Assert.Single(result.Errors, e => e.Key == field).Value);
    }

    [Fact]
    public void An_emptied_email_field_means_no_email()
    {
        var input = new CustomerRegistration { FirstName = "Zoé", LastName = "Lefèvre", Email = "  " };

        Assert.Null(input.Email);
        Assert.Null(Result.Validate(input));
    }
}
