using System.Net.Sockets;
using Grpc.Net.Client;

namespace ForgeNet.Daemon.Api;

/// <summary>A gRPC channel to the daemon's Unix socket (HTTP/2 without TLS over the socket).</summary>
public static class UnixChannel
{
    /// <summary>A channel whose every connection is a new connection to <paramref name="socketPath"/>.</summary>
    public static GrpcChannel Create(string socketPath, Func<Socket, string, CancellationToken, ValueTask>? connect = null)
    {
        connect ??= (socket, path, cancel) => socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancel);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancel) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await connect(socket, socketPath, cancel).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
