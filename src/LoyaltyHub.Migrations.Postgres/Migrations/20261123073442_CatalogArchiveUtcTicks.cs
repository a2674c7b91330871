using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyHub.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CatalogArchiveUtcTicks : Migration
    {
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

            migrationBuilder.AddColumn<bool>(
                name: "Archived",
                table: "Products",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Archived",
                table: "Categories",
                type: "boolean",
                nullable: false,
                defaultValue: false);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
