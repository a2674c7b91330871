using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>
/// A fault stand-in no real server can be told to be: speaks SMTP on 127.0.0.1 up to the end of
/// the message data, then never answers, as a server that took the message and hung would.
/// Counts the messages whose data it received in full.
/// </summary>
public sealed class StallingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int messagesReceived;

    public StallingSmtpServer()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int MessagesReceived => Volatile.Read(ref messagesReceived);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a connection.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = Task.Run(() => ConverseAsync(client));
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 stall.test ESMTP");
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    var verb = line.Split(' ', ':')[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO" or "HELO":
                            await writer.WriteLineAsync("250 stall.test");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                            while (await reader.ReadLineAsync(stop.Token) is { } data && data != ".")
                            {
                            }

                            Interlocked.Increment(ref messagesReceived);
                            // The hang: no "250 queued", ever.
                            await Task.Delay(Timeout.Infinite, stop.Token);
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 OK");
                            break;
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The client gave up or the server is stopping.
            }
        }
    }
}
