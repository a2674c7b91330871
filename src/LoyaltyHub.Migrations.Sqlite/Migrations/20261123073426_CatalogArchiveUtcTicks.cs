using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyHub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CatalogArchiveUtcTicks : Migration
    {
        // Every DateTimeOffset column becomes UTC ticks (UtcTicksConverter); these held EF's text form...
        private static readonly (string Table, string Column)[] TextColumns =
        [
            ("Tenants", "CreatedAt"), ("Shops", "CreatedAt"), ("ImportBatch", "CreatedAt"), ("ImportBatch", "UndoneAt"),
            ("DevMails", "CreatedAt"), ("Customers", "SmsConsent_ChangedAt"), ("Customers", "EmailConsent_ChangedAt"),
            ("ConsentLog", "At"), ("AspNetUsers", "CreatedAt"), ("AspNetUsers", "LockoutEnd"), ("ApiCredentials", "CreatedAt"),
        ];

        // ...and these DateTimeOffsetToBinaryConverter's packed integers (their column type stays INTEGER).
        private static readonly (string Table, string Column)[] BinaryColumns =
        [
            ("Customers", "CreatedAt"), ("Customers", "LastVisitAt"), ("GiftCards", "CreatedAt"), ("GiftCardEntries", "CreatedAt"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Products and categories used to be deleted outright: lines naming a deleted one lose the
            // reference (their amount stays) so the new foreign keys hold for every existing row.
            migrationBuilder.Sql("""
                UPDATE "PurchaseLines" SET "ProductId" = NULL
                WHERE "ProductId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Products" p WHERE p."Id" = "PurchaseLines"."ProductId");
                UPDATE "PurchaseLines" SET "CategoryId" = NULL
                WHERE "CategoryId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Categories" c WHERE c."Id" = "PurchaseLines"."CategoryId");
                """);

            migrationBuilder.AlterColumn<long>(
                name: "CreatedAt",
                table: "Tenants",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "CreatedAt",
                table: "Shops",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AddColumn<bool>(
                name: "Archived",
                table: "Products",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AlterColumn<long>(
                name: "UndoneAt",
                table: "ImportBatch",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "CreatedAt",
                table: "ImportBatch",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "CreatedAt",
                table: "DevMails",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "SmsConsent_ChangedAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "EmailConsent_ChangedAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "At",
                table: "ConsentLog",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AddColumn<bool>(
                name: "Archived",
                table: "Categories",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AlterColumn<long>(
                name: "LockoutEnd",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "CreatedAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "CreatedAt",
                table: "ApiCredentials",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseLines_CategoryId",
                table: "PurchaseLines",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseLines_ProductId",
                table: "PurchaseLines",
                column: "ProductId");

            migrationBuilder.AddForeignKey(
                name: "FK_PurchaseLines_Categories_CategoryId",
                table: "PurchaseLines",
                column: "CategoryId",
                principalTable: "Categories",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_PurchaseLines_Products_ProductId",
                table: "PurchaseLines",
                column: "ProductId",
                principalTable: "Products",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // After the table rebuilds above, which copy the old values as they are.
            foreach (var (table, column) in TextColumns)
            {
                UtcTicksData.TextToTicks(migrationBuilder, table, column);
            }

            foreach (var (table, column) in BinaryColumns)
            {
                UtcTicksData.BinaryToTicks(migrationBuilder, table, column);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, column) in TextColumns)
            {
                UtcTicksData.TicksToText(migrationBuilder, table, column);
            }

            foreach (var (table, column) in BinaryColumns)
            {
                UtcTicksData.TicksToBinary(migrationBuilder, table, column);
            }

            migrationBuilder.DropForeignKey(
                name: "FK_PurchaseLines_Categories_CategoryId",
                table: "PurchaseLines");

            migrationBuilder.DropForeignKey(
                name: "FK_PurchaseLines_Products_ProductId",
                table: "PurchaseLines");

            migrationBuilder.DropIndex(
                name: "IX_PurchaseLines_CategoryId",
                table: "PurchaseLines");

            migrationBuilder.DropIndex(
                name: "IX_PurchaseLines_ProductId",
                table: "PurchaseLines");

            migrationBuilder.DropColumn(
                name: "Archived",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "Archived",
                table: "Categories");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "Tenants",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "Shops",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "UndoneAt",
                table: "ImportBatch",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "ImportBatch",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "DevMails",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "SmsConsent_ChangedAt",
                table: "Customers",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "EmailConsent_ChangedAt",
                table: "Customers",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "At",
                table: "ConsentLog",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "LockoutEnd",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "ApiCredentials",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");
        }
    }
}
