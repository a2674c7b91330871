using LoyaltyHub.BrowserTests.Infrastructure;

namespace LoyaltyHub.BrowserTests;

/// <summary>/manage/messages: the template list, the editor's live SMS counter, variable insertion, validation and save.</summary>
[Collection(SharedApp.Name)]
public sealed class MessageTemplateEditorTests(AppFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task The_sms_editor_counts_as_you_type_rejects_unknown_variables_and_saves() => RunAsync(async () =>
    {
        var page = await NewPageAsync("manager");
        await Flows.SignInAsync(page, await Fixture.ManagerAsync());
        await page.GotoAsync("manage/messages");
        await Flows.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Templates" }).ClickAsync();
        var link = page.GetByTestId("template-order_ready-sms-fr");
        await Expect(link).ToHaveTextAsync("default");
        await link.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Order ready for pickup" })).ToBeVisibleAsync();
        await Flows.WaitForInteractiveAsync(page);

        var body = page.GetByTestId("template-body");
        await body.FillAsync("Bonjour, votre commande est prête");
        await Expect(page.GetByTestId("sms-encoding")).ToHaveTextAsync("Unicode (UCS-2)");
        await Expect(page.GetByTestId("sms-units")).ToHaveTextAsync("33");
        await Expect(page.GetByTestId("preview-sms").Locator("mark")).ToHaveTextAsync("ê");

        await body.FillAsync("Bonjour ");
        await page.GetByTestId("template-variables").GetByRole(AriaRole.Button, new() { Name = "{{first_name}}" }).ClickAsync();
        await Expect(body).ToHaveValueAsync("Bonjour {{first_name}}");
        await Expect(page.GetByTestId("sms-encoding")).ToHaveTextAsync("GSM-7");
        await Expect(page.GetByTestId("preview-sms")).ToHaveTextAsync("Bonjour Alice");

        await body.FillAsync("Bonjour {{prenom}}");
        await Expect(page.GetByText("Unknown variable: {{prenom}}.", new() { Exact = false })).ToBeVisibleAsync();
        await page.GetByTestId("save-template").ClickAsync();
        await Expect(page.GetByTestId("template-status")).ToHaveTextAsync("default");

        await body.FillAsync("#firstname#, votre commande :ID: vous attend.");
        await page.GetByTestId("save-template").ClickAsync();
        await Expect(page.GetByTestId("template-status")).ToHaveTextAsync("customised");
        await Expect(body).ToHaveValueAsync("{{first_name}}, votre commande {{order_number}} vous attend.");

        await page.GotoAsync("manage/messages");
        await Flows.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Templates" }).ClickAsync();
        await Expect(page.GetByTestId("template-order_ready-sms-fr")).ToHaveTextAsync("customised");
        await Expect(page.GetByTestId("template-order_ready-sms-it")).ToHaveTextAsync("default");
    });
}
