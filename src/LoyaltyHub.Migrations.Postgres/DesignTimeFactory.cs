using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LoyaltyHub.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL without the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseSettings(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=design_time").Configure(options);
        return new AppDbContext(options.Options);
    }
}
