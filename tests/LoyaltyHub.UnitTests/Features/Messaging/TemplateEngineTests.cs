using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Messaging.Content;

namespace LoyaltyHub.UnitTests.Features.Messaging;

public sealed class TemplateEngineTests
{
    private static readonly MessageEventInfo OrderReady = MessageEvents.Get(MessageEvent.OrderReady);

    private static readonly Dictionary<string, string> Values = new()
    {
        ["first_name"] = "Alice",
        ["last_name"] = "Martin",
        ["order_number"] = "10042",
        ["shop_phone"] = "+33 1 23 45 67 89",
    };

    [Fact]
    public void Canonical_variables_are_filled()
    {
        var text = TemplateRenderer.Render("Hello {{first_name}} {{ last_name }}, order {{order_number}} is ready.", Values, TemplateOutput.Text);

        Assert.Equal("Hello Alice Martin, order 10042 is ready.", text);
    }

    [Fact]
    public void A_variable_without_a_value_shows_nothing()
    {
        Assert.Equal("Card: .", TemplateRenderer.Render("Card: {{card_number}}.", Values, TemplateOutput.Text));
    }

    [Theory]
    [InlineData("#firstname# #lastname#", "{{first_name}} {{last_name}}")]
    [InlineData("#FirstName#", "{{first_name}}")]
    [InlineData("#email# #mail# #url#", "{{email}} {{email}} {{shop_url}}")]
    [InlineData("#num_order# #amount# #status# #code_prod#", "{{order_number}} {{order_amount}} {{order_status}} {{product_code}}")]
    [InlineData(":Уваж: :И: :О:!", "{{salutation}} {{first_name}} {{middle_name}}!")]
    [InlineData("Заказ :ID:, тел. :Tel:", "Заказ {{order_number}}, тел. {{shop_phone}}")]
    [InlineData(":НачисленоБонусов: :ДатаСгорания: :БалансБонусов: :СгораетБонусов:",
        "{{points_earned}} {{points_expiry_date}} {{points_balance}} {{points_expiring}}")]
    [InlineData("{{First_Name}}", "{{first_name}}")]
    public void Seed_aliases_are_read_and_saved_in_canonical_form(string template, string canonical)
    {
        var parsed = TemplateParser.Parse(template);

        Assert.Empty(parsed.UnknownTokens);
        Assert.Equal(canonical, parsed.ToCanonical());
    }

    [Fact]
    public void Every_alias_maps_to_a_canonical_variable()
    {
        Assert.All(TemplateVariables.Aliases.Values, name => Assert.True(TemplateVariables.IsKnown(name), name));
    }

    [Fact]
    public void Every_canonical_variable_of_the_spec_exists()
    {
        string[] spec = ["first_name", "last_name", "middle_name", "salutation", "email", "shop_url", "order_number", "order_amount",
            "order_status", "product_code", "shop_phone", "points_earned", "points_balance", "points_expiring", "points_expiry_date",
            "card_number", "gift_card_amount", "cart_url", "unsubscribe_url"];

        // Beyond the spec, each allowed in its own event only: the activation link, the gift card's number and its buyer's
        // message (SPEC §5), the lines of a return request.
        string[] more = ["activation_url", "gift_card_number", "gift_card_message", "return_products"];
        Assert.Equal([.. spec.Concat(more).Order()], TemplateVariables.All.Select(v => v.Name).Order());
    }

    [Fact]
    public void Plain_colons_and_hashes_stay_text()
    {
        var parsed = TemplateParser.Parse("Open 9:30-18:00. Order #123, ratio 1:2:3, note: ok #1 #sale :)");

        Assert.Empty(parsed.UnknownTokens);
        Assert.Empty(parsed.Variables);
        Assert.False(parsed.HasUnclosedBraces);
    }

    [Fact]
    public void Unknown_variables_are_reported_by_their_spelling()
    {
        var parsed = TemplateParser.Parse("Hi {{frist_name}}, {{first_name}} #prenom# {{frist_name}}");

        Assert.Equal(["{{frist_name}}", "#prenom#"], parsed.UnknownTokens);
        Assert.Equal(["first_name"], parsed.Variables);

        var problems = TemplateRules.Problems(parsed, OrderReady);
        Assert.Equal("Unknown variables: {{frist_name}}, #prenom#. Use the variables listed for this message.", Assert.Single(problems));
    }

    [Fact]
    public void Variables_of_another_event_are_rejected_naming_them()
    {
        var parsed = TemplateParser.Parse("{{first_name}}, your cart {{cart_url}} and #code_prod#");

        var problem = Assert.Single(TemplateRules.Problems(parsed, OrderReady));
        Assert.Equal("Not available in \"Order ready for pickup\": {{cart_url}}, #code_prod#.", problem);
    }

    [Fact]
    public void An_unclosed_brace_is_reported()
    {
        var parsed = TemplateParser.Parse("Hello {{first_name");

        Assert.True(parsed.HasUnclosedBraces);
        Assert.Contains(TemplateRules.UnclosedMessage, TemplateRules.Problems(parsed, OrderReady));
        Assert.Equal("Hello {{first_name", TemplateRenderer.Render(parsed, Values, TemplateOutput.Text));
    }

    [Fact]
    public void A_valid_template_has_no_problems()
    {
        Assert.Empty(TemplateRules.Problems(TemplateParser.Parse("{{salutation}} {{last_name}}, order {{order_number}}: call {{shop_phone}}"), OrderReady));
    }

    [Fact]
    public void Templates_reach_nothing_but_their_values()
    {
        // No expressions, members or code: these are unknown names and render as written.
        var parsed = TemplateParser.Parse("{{first_name.Length}} {{GetType()}} {{ 1+1 }} {{@Model}}");

        Assert.Equal(4, parsed.UnknownTokens.Count);
        Assert.Equal("{{first_name.Length}} {{GetType()}} {{ 1+1 }} {{@Model}}", TemplateRenderer.Render(parsed, Values, TemplateOutput.Html));
    }

    [Fact]
    public void Html_output_encodes_values_but_keeps_the_merchants_markup()
    {
        var values = new Dictionary<string, string> { ["first_name"] = "<script>alert('x')</script>", ["last_name"] = "O'Brien & \"Co\"" };

        var html = TemplateRenderer.Render("<p>Hello <b>{{first_name}}</b> {{last_name}}</p>", values, TemplateOutput.Html);

        Assert.Equal("<p>Hello <b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</b> O&#39;Brien &amp; &quot;Co&quot;</p>", html);
    }

    [Fact]
    public void Text_output_keeps_values_as_they_are()
    {
        var values = new Dictionary<string, string> { ["first_name"] = "<b>Zoë & Co</b>" };

        Assert.Equal("Hi <b>Zoë & Co</b>", TemplateRenderer.Render("Hi {{first_name}}", values, TemplateOutput.Text));
    }

    [Fact]
    public void A_subject_is_one_line_whatever_the_values()
    {
        var values = new Dictionary<string, string> { ["first_name"] = "Eve\r\nBcc: all@example.com" };

        var subject = TemplateRenderer.Render("Hi {{first_name}}\n", values, TemplateOutput.HeaderLine);

        Assert.Equal("Hi Eve Bcc: all@example.com", subject);
    }

    [Fact]
    public void An_email_without_a_text_template_derives_its_text_part_from_the_html()
    {
        var values = new Dictionary<string, string> { ["first_name"] = "Tom & Jerry", ["shop_url"] = "https://shop.example.com" };

        var email = TemplateRenderer.RenderEmail("Welcome {{first_name}}",
            "<html><head><style>p{color:red}</style></head><body><p>Hello {{first_name}},</p>\n<p>Visit <a href=\"{{shop_url}}\">our shop</a>.<br>See you</p></body></html>",
            null, values);

        Assert.Equal("Welcome Tom & Jerry", email.Subject);
        Assert.Contains("Hello Tom &amp; Jerry,", email.Html, StringComparison.Ordinal);
        Assert.Equal("Hello Tom & Jerry,\n\nVisit our shop (https://shop.example.com).\nSee you", email.Text);
    }

    [Fact]
    public void An_email_with_its_own_text_template_uses_it()
    {
        var values = new Dictionary<string, string> { ["first_name"] = "<Tom>" };

        var email = TemplateRenderer.RenderEmail("Hi", "<p>{{first_name}}</p>", "Text for {{first_name}}", values);

        Assert.Equal("Text for <Tom>", email.Text);
    }

    [Theory]
    [InlineData("en", Gender.Male, "Dear Mr")]
    [InlineData("en", Gender.Female, "Dear Ms")]
    [InlineData("en", Gender.Unspecified, "Dear")]
    [InlineData("fr", Gender.Male, "Cher")]
    [InlineData("fr", Gender.Female, "Chère")]
    [InlineData("it", Gender.Male, "Gentile Sig.")]
    [InlineData("it", Gender.Female, "Gentile Sig.ra")]
    [InlineData("ru", Gender.Male, "Уважаемый")]
    [InlineData("ru", Gender.Female, "Уважаемая")]
    [InlineData("de", Gender.Female, "Dear Ms")]
    public void Salutation_agrees_with_gender_in_the_customers_language(string language, Gender gender, string expected)
    {
        var values = new TemplateData { Gender = gender }.ToValues(language);

        Assert.Equal(expected, values["salutation"]);
    }

    [Theory]
    [InlineData("en", "€1,234.50", "30/06/2026", "12,345")]
    [InlineData("fr", "1 234,50 €", "30/06/2026", "12 345")]
    [InlineData("it", "1.234,50 €", "30/06/2026", "12.345")]
    [InlineData("ru", "1 234,50 €", "30.06.2026", "12 345")]
    public void Money_dates_and_points_follow_the_customers_language(string language, string amount, string date, string points)
    {
        var values = new TemplateData
        {
            Currency = "EUR", OrderAmountMinor = 123450, PointsExpiryDate = new DateOnly(2026, 6, 30), PointsBalance = 12345,
        }.ToValues(language);

        Assert.Equal(amount, values["order_amount"]);
        Assert.Equal(date, values["points_expiry_date"]);
        Assert.Equal(points, values["points_balance"]);
    }

    [Fact]
    public void Formatted_values_use_plain_spaces_so_a_french_sms_stays_gsm7()
    {
        var values = new TemplateData { Currency = "EUR", OrderAmountMinor = 123450, PointsBalance = 12345 }.ToValues("fr");

        var sms = TemplateRenderer.Render("Commande {{order_amount}}, solde {{points_balance}} points", values, TemplateOutput.Text);

        Assert.Equal(SmsEncoding.Gsm7, SmsLength.Measure(sms).Encoding);
    }

    [Fact]
    public void A_currency_without_a_common_sign_keeps_its_code()
    {
        Assert.Equal("12.50 CHF", new TemplateData { Currency = "CHF", GiftCardAmountMinor = 1250 }.ToValues("en")["gift_card_amount"]);
        Assert.Equal("1 234,50 CHF", new TemplateData { Currency = "CHF", GiftCardAmountMinor = 123450 }.ToValues("fr")["gift_card_amount"]);
    }

    [Fact]
    public void Sms_length_is_measured_after_filling_the_variables()
    {
        var values = new Dictionary<string, string> { ["first_name"] = "Jérôme" };

        var sms = TemplateRenderer.Render("Hi {{first_name}}", values, TemplateOutput.Text);
        var measure = SmsLength.Measure(sms);

        Assert.Equal(9, measure.Units);
        Assert.Equal(SmsEncoding.Ucs2, measure.Encoding); // ô is not GSM-7; é is
        Assert.Equal("ô", Assert.Single(measure.Ucs2Characters).Text);
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    [InlineData("FR", "fr")]
    [InlineData("de", "en")]
    [InlineData("ru", "ru")]
    public void Unsupported_languages_fall_back_to_english(string? language, string expected)
    {
        Assert.Equal(expected, MessageLanguages.Normalize(language));
    }
}
