using System.Net;
using System.Net.Sockets;

namespace ForgeNet.Dns.Server;

/// <summary>
/// One UDP listening socket served by dedicated threads in blocking receive (no thread-pool hop per packet, which is what
/// a busy machine punishes most). Answers that need no upstream are sent from the thread; forwarded ones complete on their
/// own, so a slow upstream never holds up local names. Ends when the socket is closed.
/// </summary>
internal sealed class UdpEndpoint(Socket socket, QueryHandler handler)
{
    /// <summary>Receive threads per socket (the machine's cores, at least two).</summary>
    private static readonly int Threads = Math.Max(2, Environment.ProcessorCount);

    public Task Run(CancellationToken cancel)
    {
        var done = Enumerable.Range(0, Threads).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        foreach (var finished in done)
        {
            new Thread(() =>
            {
                try { Loop(cancel); }
                finally { finished.SetResult(); }
            }) { IsBackground = true, Name = "dns-udp" }.Start();
        }
        return Task.WhenAll(done.Select(d => d.Task));
    }

    private void Loop(CancellationToken cancel)
    {
        var buffer = new byte[65535];
        var v6 = socket.AddressFamily == AddressFamily.InterNetworkV6;
        var from = new SocketAddress(socket.AddressFamily);
        IPAddress? client = null;
        while (!cancel.IsCancellationRequested)
        {
            int received;
            try
            {
                received = socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (ObjectDisposedException) { return; }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.Shutdown) { return; }
            catch (SocketException) { continue; } // e.g. ICMP port unreachable reported for an earlier send
            client = Client(v6 ? from.Buffer.Span.Slice(8, 16) : from.Buffer.Span.Slice(4, 4), client);
            try
            {
                var pending = handler.HandleAsync(buffer.AsMemory(0, received), client, tcp: false, cancel);
                if (pending.IsCompletedSuccessfully)
                {
                    if (pending.Result is { } response) socket.SendTo(response, SocketFlags.None, from);
                }
                else
                    _ = Complete(pending, Copy(from));
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug must cost one packet, never the loop.
                Console.Error.WriteLine($"forge: dns: internal error on a packet from {client}: {e.Message}");
            }
        }
    }

    // sockaddr_in has the address at bytes 4..8, sockaddr_in6 at 8..24. A sandbox sends many queries in a row: the
    // previous packet's IPAddress is reused when the bytes match (it is never changed), instead of one per packet.
    private static IPAddress Client(ReadOnlySpan<byte> address, IPAddress? previous)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (previous is not null && previous.TryWriteBytes(bytes, out var written) && bytes[..written].SequenceEqual(address)) return previous;
        return new IPAddress(address);
    }

    private static SocketAddress Copy(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.CopyTo(copy.Buffer);
        return copy;
    }

    private async Task Complete(ValueTask<byte[]?> pending, SocketAddress client)
    {
        try
        {
            // A UDP send does not wait for the network: a plain sendto keeps the socket out of the async machinery.
            if (await pending.ConfigureAwait(false) is { } response)
                socket.SendTo(response, SocketFlags.None, client);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
    }
}
