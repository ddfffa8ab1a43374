using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ForgeNet.Dns.Forwarding;

namespace ForgeNet.Dns.Server;

/// <summary>
/// One TCP listening socket (RFC 7766). Each message is a 2-byte length and the query; every read has a deadline, the
/// length is bounded, connections are capped, and a connection cut or reset mid-message only ends that connection.
/// </summary>
internal sealed class TcpEndpoint(Socket listener, QueryHandler handler, DnsServerLimits limits)
{
    private int _open;

    public async Task Run(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; }
            if (Interlocked.Increment(ref _open) > limits.MaxTcpConnections)
            {
                Interlocked.Decrement(ref _open);
                handler.Counters.TcpReject();
                connection.LingerState = new LingerOption(true, 0); // reset: free the slot at once
                connection.Dispose();
                continue;
            }
            _ = Task.Run(() => Serve(connection, cancel), CancellationToken.None);
        }
    }

    private async Task Serve(Socket connection, CancellationToken cancel)
    {
        try
        {
            var client = ((IPEndPoint)connection.RemoteEndPoint!).Address;
            var prefix = new byte[2];
            for (var served = 0; served < limits.MaxTcpQueriesPerConnection; served++)
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                deadline.CancelAfter(limits.TcpReadTimeout);
                if (!await TcpFraming.ReadExactlyAsync(connection, prefix, deadline.Token).ConfigureAwait(false)) return;
                var length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
                if (length < 12 || length > limits.MaxTcpQuery) return;
                var query = new byte[length];
                if (!await TcpFraming.ReadExactlyAsync(connection, query, deadline.Token).ConfigureAwait(false)) return;
                if (await handler.HandleAsync(query, client, tcp: true, cancel).ConfigureAwait(false) is not { } response) return;
                var framed = new byte[2 + response.Length];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)response.Length);
                response.CopyTo(framed, 2);
                deadline.CancelAfter(limits.TcpReadTimeout);
                await connection.SendAsync(framed, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"forge: dns: internal error on a TCP connection: {e.Message}");
        }
        finally
        {
            connection.Dispose();
            Interlocked.Decrement(ref _open);
        }
    }
}
