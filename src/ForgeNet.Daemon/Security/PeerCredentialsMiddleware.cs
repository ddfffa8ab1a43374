using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace ForgeNet.Daemon.Security;

/// <summary>Kestrel connection middleware for the Unix socket: records SO_PEERCRED as a connection feature.</summary>
public static class PeerCredentialsMiddleware
{
    /// <summary>Wraps <paramref name="next"/>; a connection whose credentials cannot be read carries none (and is refused per call).</summary>
    public static ConnectionDelegate Wrap(ConnectionDelegate next, ILogger logger) => connection =>
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            try
            {
                connection.Features.Set(new PeerCredentialsFeature(PeerCredentials.Read(socket)));
            }
            catch (System.Net.Sockets.SocketException e)
            {
                logger.LogWarning("cannot read the peer credentials of connection {Id}: {Error}", connection.ConnectionId, e.Message);
            }
        }
        return next(connection);
    };
}
