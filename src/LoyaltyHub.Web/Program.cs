using LoyaltyHub.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLoyaltyHubWeb();

var app = builder.Build();
await app.PrepareAsync();
app.UseLoyaltyHub();
await app.RunAsync();

/// <summary>Entry point; public so the tests' WebApplicationFactory can start the app.</summary>
public partial class Program;
