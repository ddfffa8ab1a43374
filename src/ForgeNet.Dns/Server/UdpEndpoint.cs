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
        EndPoint any = socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        while (!cancel.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; } // e.g. ICMP port unreachable reported for an earlier send
            var client = (IPEndPoint)received.RemoteEndPoint;
            try
            {
                var pending = handler.HandleAsync(buffer.AsMemory(0, received.ReceivedBytes), client.Address, tcp: false, cancel);
                if (pending.IsCompletedSuccessfully)
                {
                    if (pending.Result is { } response) await socket.SendToAsync(response, SocketFlags.None, client, cancel).ConfigureAwait(false);
                }
                else
                    _ = Complete(pending, client, cancel);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug must cost one packet, never the loop.
                Console.Error.WriteLine($"forge: dns: internal error on a packet from {client}: {e.Message}");
            }
        }
    }

    private async Task Complete(ValueTask<byte[]?> pending, IPEndPoint client, CancellationToken cancel)
    {
        try
        {
            if (await pending.ConfigureAwait(false) is { } response)
                await socket.SendToAsync(response, SocketFlags.None, client, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
    }
}
