using System.Net.Sockets;

namespace ForgeNet.Dns.Forwarding;

/// <summary>Reads of DNS-over-TCP's 2-byte length-prefixed messages (RFC 1035 4.2.2, RFC 7766).</summary>
public static class TcpFraming
{
    /// <summary>Fills <paramref name="buffer"/>; false when the peer closed first. Cancellation is the caller's deadline.</summary>
    public static async ValueTask<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancel)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, cancel).ConfigureAwait(false);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
