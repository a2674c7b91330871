namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>
/// The catch-all Maildir the test SMTP server delivers to: waits for the messages to one
/// recipient (by the server's Delivered-To header), so tests running at once do not see each
/// other's mail as long as each uses its own address.
/// </summary>
public sealed class Maildir(string path)
{
    public string Path { get; } = path;

    /// <summary>Waits until <paramref name="count"/> messages to <paramref name="recipient"/> have arrived; fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(string recipient, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = MessagesTo(recipient);
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                return found.Count >= count
                    ? found
                    : throw new TimeoutException($"{found.Count} of {count} message(s) to {recipient} arrived in {Path} in time.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Every message delivered to <paramref name="recipient"/> so far, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> MessagesTo(string recipient) =>
        Directory.EnumerateFiles(System.IO.Path.Combine(Path, "new"))
            .Concat(Directory.EnumerateFiles(System.IO.Path.Combine(Path, "cur")))
            .Select(file => (File: file, Mail: ReceivedMail.Parse(File.ReadAllText(file, System.Text.Encoding.Latin1))))
            .Where(m => string.Equals(m.Mail.Header("Delivered-To"), recipient, StringComparison.OrdinalIgnoreCase))
            .OrderBy(m => File.GetLastWriteTimeUtc(m.File))
            .Select(m => m.Mail)
            .ToList();
}
