using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LoyaltyHub.Core.Data;

/// <summary>
/// Writes many new rows of one entity type without the change tracker, for bulk loads (the demo
/// seed, the benchmarks): on SQLite one prepared INSERT executed per row, on PostgreSQL one binary
/// COPY. The table, the columns and the value conversions come from the EF model, so the rows are
/// stored exactly as SaveChanges would store them. Store-generated keys are left to the database
/// and not read back (query them by a natural key). Tenant-owned rows get the current tenant and
/// may not name another, as on SaveChanges. All rows or none: in the context's current
/// transaction, else in one of its own.
/// </summary>
internal static class BulkInsert
{
    /// <summary>
    /// SQLite's page cache during a bulk insert (negative: KiB; the default is 2 MB). Rows land in
    /// random places of each index; with the indexes of a large table in cache, pages are written
    /// once at commit instead of being spilled and read back again and again.
    /// </summary>
    private const int BulkCacheKiB = -256 * 1024;

    public static async Task InsertAsync<T>(this AppDbContext db, IEnumerable<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetFlattenedProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated.HasFlag(ValueGenerated.OnAdd)))
            .Select(p => new Column(p.GetColumnName(table) ?? throw new InvalidOperationException($"{p.Name} has no column."),
                p.GetRelationalTypeMapping(), p.GetGetter()))
            .ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var into = $"{sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))})";
        var tenant = db.CurrentTenantId;
        var claimed = rows.Select(row =>
        {
            if (row is ITenantOwned owned)
            {
                TenantGuard.ClaimNew(owned, tenant);
            }

            return row;
        });

        // All rows or none: in the caller's transaction, else in one of its own (on SQLite, each row
        // would otherwise be a transaction, and a disk flush, of its own).
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        if (transaction.Connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, into, columns, claimed, cancellationToken);
        }
        else
        {
            await InsertEachAsync(transaction, sql, into, columns, claimed, cancellationToken);
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
    }

    /// <summary>SQLite runs in process: a prepared single-row INSERT costs a few microseconds a row.</summary>
    private static async Task InsertEachAsync<T>(DbTransaction transaction, ISqlGenerationHelper sql, string into,
        List<Column> columns, IEnumerable<T> rows, CancellationToken cancellationToken) where T : class
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA cache_size";
        var cacheSize = await command.ExecuteScalarAsync(cancellationToken);
        command.CommandText = $"PRAGMA cache_size = {BulkCacheKiB}";
        await command.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await InsertRowsAsync(command, sql, into, columns, rows, cancellationToken);
        }
        finally
        {
            command.CommandText = $"PRAGMA cache_size = {cacheSize}";
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task InsertRowsAsync<T>(DbCommand command, ISqlGenerationHelper sql, string into,
        List<Column> columns, IEnumerable<T> rows, CancellationToken cancellationToken) where T : class
    {
        var names = columns.Select((_, i) => $"p{i}").ToList();
        command.CommandText = $"INSERT INTO {into} VALUES ({string.Join(", ", names.Select(sql.GenerateParameterNamePlaceholder))})";
        var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(command, sql.GenerateParameterName(names[i]), null, nullable: true)).ToList();
        command.Parameters.AddRange(parameters.ToArray());
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = columns[i].ProviderValue(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>PostgreSQL is a network round trip away: COPY streams every row in one.</summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, string into, List<Column> columns, IEnumerable<T> rows,
        CancellationToken cancellationToken) where T : class
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {into} FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                if (column.ProviderValue(row) is { } value)
                {
                    await importer.WriteAsync(value, column.Mapping.StoreType, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>One column: its name, the model's type mapping and how to read the value from the entity (complex properties included).</summary>
    private sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
    {
        public object? ProviderValue(object entity) =>
            Getter.GetClrValueUsingContainingEntity(entity) is { } value ? Mapping.Converter?.ConvertToProvider(value) ?? value : null;
    }
}
