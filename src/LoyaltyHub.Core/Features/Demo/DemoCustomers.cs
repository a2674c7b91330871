using Bogus;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.Core.Features.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Demo;

/// <summary>
/// The demo merchant's customers: Alice and Bob, who also get portal logins, and a crowd made up
/// by Bogus with a fixed seed, so every fresh start shows the same people. Only Alice and Bob
/// have logins: the others are what a counter collects before anyone activates a card.
/// </summary>
internal static class DemoCustomers
{
    public const int Crowd = 4_998; // 5,000 with Alice and Bob

    private static readonly string[] TagPool = ["coffee club", "vip", "wholesale", "decaf", "events"];

    /// <summary>Fixed, readable card numbers for the two customers with logins (the README and tests can quote them).</summary>
    public static Customer Named(string first, string last, string email, string phone, int serial, Shop shop, DateTimeOffset createdAt) =>
        Customer(first, last, email, phone, Card($"1000000000{serial}"), shop, createdAt, Gender.Unspecified);

    /// <summary><see cref="Crowd"/> French-looking customers registered over the last 18 months at either shop.</summary>
    public static List<Customer> MakeCrowd(Tenant tenant, IReadOnlyList<Shop> shops, DateTimeOffset now)
    {
        var faker = new Faker("fr") { Random = new Randomizer(2026) };
        var cards = new HashSet<string>();
        var crowd = new List<Customer>(Crowd);
        for (var i = 0; i < Crowd; i++)
        {
            var gender = faker.PickRandom(Gender.Female, Gender.Male);
            var first = faker.Name.FirstName(gender == Gender.Female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);
            var last = faker.Name.LastName();
            var createdAt = now.AddMinutes(-faker.Random.Int(60, 540 * 24 * 60));
            string card;
            do
            {
                card = CardNumbers.Generate((min, maxExclusive) => faker.Random.Int(min, maxExclusive - 1)); // Bogus's max is inclusive
            }
            while (!cards.Add(card));

            var email = faker.Random.Bool(0.7f) ? $"{SearchKeys.Normalize(first)}.{SearchKeys.Normalize(last)}.{i}@example.com".Replace(' ', '-') : null;
            var phone = faker.Random.Bool(0.8f) ? $"+336{faker.Random.Int(10_000_000, 99_999_999)}" : null;
            var customer = Customer(first, last, email, phone, card, shops[faker.Random.Int(0, shops.Count - 1)], createdAt, gender);
            customer.BirthDate = faker.Random.Bool(0.6f) ? DateOnly.FromDateTime(faker.Date.Between(new DateTime(1950, 1, 1), new DateTime(2005, 12, 31))) : null;
            customer.PostalCode = faker.Address.ZipCode();
            customer.Language = faker.Random.Bool(0.85f) ? "fr" : "en";
            customer.IsPro = faker.Random.Bool(0.1f);
            customer.LastVisitAt = faker.Random.Bool(0.7f) ? createdAt.AddMinutes(faker.Random.Double() * (now - createdAt).TotalMinutes) : null;
            customer.Tags.AddRange(faker.Random.Bool(0.3f) ? faker.PickRandom(TagPool, faker.Random.Int(1, 2)).Select(t => new CustomerTag { Tag = t }) : []);
            Consent(customer, ConsentChannel.Sms, phone is not null && faker.Random.Bool(0.6f), tenant.Name);
            Consent(customer, ConsentChannel.Email, email is not null && faker.Random.Bool(0.5f), tenant.Name);
            crowd.Add(customer);
        }

        return crowd;
    }

    /// <summary>
    /// Writes the customers in bulk, reads their ids back by card number (unique in the tenant),
    /// then writes their tags and consent log rows.
    /// </summary>
    public static async Task WriteAsync(AppDbContext db, List<Customer> customers, IReadOnlyList<Shop> shops, CancellationToken ct)
    {
        await db.InsertAsync(customers, ct);
        var ids = await db.Customers.Select(c => new { c.CardNumber, c.Id }).ToDictionaryAsync(c => c.CardNumber, c => c.Id, ct);
        foreach (var customer in customers)
        {
            customer.Id = ids[customer.CardNumber];
            customer.Tags.ForEach(t => t.CustomerId = customer.Id);
        }

        await db.InsertAsync(customers.SelectMany(c => c.Tags), ct);
        await db.InsertAsync(ConsentLog(customers, shops), ct);
    }

    /// <summary>Records a consent as given at the counter on the day of registration.</summary>
    public static void Consent(Customer customer, ConsentChannel channel, bool granted, string merchant)
    {
        var consent = customer.Consent(channel);
        consent.Granted = granted;
        consent.ChangedAt = customer.CreatedAt;
        consent.Source = ConsentSources.Counter;
        consent.Text = ConsentTexts.For(channel, merchant);
    }

    /// <summary>The log rows of the consents recorded above, by the staff of the shop of registration.</summary>
    public static IEnumerable<ConsentLogEntry> ConsentLog(IEnumerable<Customer> customers, IReadOnlyList<Shop> shops) =>
        from customer in customers
        from channel in new[] { ConsentChannel.Sms, ConsentChannel.Email }
        let consent = customer.Consent(channel)
        where consent.ChangedAt is not null
        select new ConsentLogEntry
        {
            CustomerId = customer.Id,
            Channel = channel,
            Granted = consent.Granted,
            At = consent.ChangedAt!.Value,
            Source = consent.Source!,
            ByName = shops.FirstOrDefault(s => s.Id == customer.RegisteredShopId)?.Name ?? "demo",
            Text = consent.Text!,
        };

    private static Customer Customer(string first, string last, string? email, string? phone, string card, Shop shop,
        DateTimeOffset createdAt, Gender gender) => new()
    {
        CardNumber = card,
        FirstName = first,
        LastName = last,
        Gender = gender,
        Email = email,
        Phone = phone,
        Language = "fr",
        RegisteredShopId = shop.Id,
        CreatedAt = createdAt,
        Status = CustomerStatus.Active,
        SearchName = SearchKeys.Name(last, first),
    };

    private static string Card(string payload) => payload + CardNumbers.CheckDigit(payload);
}
