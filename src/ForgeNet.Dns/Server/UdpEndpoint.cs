using System.Net;
using System.Net.Sockets;

namespace ForgeNet.Dns.Server;

/// <summary>
/// One UDP listening socket and its receive loops. Answers that need no upstream are sent from the loop; forwarded
/// ones complete on their own, so a slow upstream never holds up local names.
/// </summary>
internal sealed class UdpEndpoint(Socket socket, QueryHandler handler)
{
    /// <summary>Receive loops per socket (the machine's cores, at least two).</summary>
    private static readonly int Loops = Math.Max(2, Environment.ProcessorCount);

    public Task Run(CancellationToken cancel) =>
        Task.WhenAll(Enumerable.Range(0, Loops).Select(_ => Task.Run(() => Loop(cancel), CancellationToken.None)));

    private async Task Loop(CancellationToken cancel)
    {
        var buffer = new byte[65535];
        var v6 = socket.AddressFamily == AddressFamily.InterNetworkV6;
        var from = new SocketAddress(socket.AddressFamily);
        while (!cancel.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, from, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; } // e.g. ICMP port unreachable reported for an earlier send
            // sockaddr_in: address at bytes 4..8; sockaddr_in6: at 8..24.
            var client = new IPAddress(v6 ? from.Buffer.Span.Slice(8, 16) : from.Buffer.Span.Slice(4, 4));
            try
            {
                var pending = handler.HandleAsync(buffer.AsMemory(0, received), client, tcp: false, cancel);
                if (pending.IsCompletedSuccessfully)
                {
                    if (pending.Result is { } response) await socket.SendToAsync(response, SocketFlags.None, from, cancel).ConfigureAwait(false);
                }
                else
                    _ = Complete(pending, Copy(from), cancel);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug must cost one packet, never the loop.
                Console.Error.WriteLine($"forge: dns: internal error on a packet from {client}: {e.Message}");
            }
        }
    }

    private static SocketAddress Copy(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.CopyTo(copy.Buffer);
        return copy;
    }

    private async Task Complete(ValueTask<byte[]?> pending, SocketAddress client, CancellationToken cancel)
    {
        try
        {
            if (await pending.ConfigureAwait(false) is { } response)
                await socket.SendToAsync(response, SocketFlags.None, client, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
    }
}
