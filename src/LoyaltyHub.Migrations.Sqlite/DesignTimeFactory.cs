using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LoyaltyHub.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite without the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design-time.db").Configure(options);
        return new AppDbContext(options.Options);
    }
}
