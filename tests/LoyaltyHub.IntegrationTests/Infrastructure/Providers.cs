namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>The database providers every database test runs on (values of <c>Database:Provider</c>).</summary>
public static class Providers
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>MemberData for a <c>[Theory]</c> that takes the provider name.</summary>
    public static TheoryData<string> All => new(Sqlite, Postgres);
}
