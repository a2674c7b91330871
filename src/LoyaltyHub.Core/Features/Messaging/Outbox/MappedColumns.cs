using System.Data.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>
/// Parameters of the outbox's hand-written statements, typed and converted exactly as EF stores
/// the <see cref="OutboxMessage"/> columns (Guid as text and dates as integers on SQLite, enums as
/// integers), so raw SQL and LINQ read and write the same values.
/// </summary>
internal sealed class MappedColumns(AppDbContext db)
{
    private readonly Microsoft.EntityFrameworkCore.Metadata.IEntityType entity = db.Model.FindEntityType(typeof(OutboxMessage))!;

    public MappedParameter[] Bind(DbCommand command, params (string Name, string Property)[] parameters) =>
        [.. parameters.Select(p => Add(command, p.Name, p.Property))];

    public MappedParameter Add(DbCommand command, string name, string property)
    {
        var mapping = entity.FindProperty(property)?.GetRelationalTypeMapping()
            ?? throw new ArgumentException($"OutboxMessage has no property {property}.", nameof(property));
        var parameter = mapping.CreateParameter(command, name, null, nullable: true);
        command.Parameters.Add(parameter);
        return new MappedParameter(parameter, mapping.Converter);
    }
}

internal sealed class MappedParameter(DbParameter parameter, ValueConverter? converter)
{
    public void Set(object? value) =>
        parameter.Value = value is null ? DBNull.Value : converter is null ? value : converter.ConvertToProvider(value) ?? DBNull.Value;
}
