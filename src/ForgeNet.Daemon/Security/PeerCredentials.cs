using System.Buffers.Binary;
using System.Net.Sockets;

namespace ForgeNet.Daemon.Security;

/// <summary>The process at the other end of a Unix socket, as the kernel recorded it at connect time (SO_PEERCRED).</summary>
public readonly record struct PeerCredentials(int Pid, uint Uid, uint Gid)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>Reads SO_PEERCRED (struct ucred: pid, uid, gid) of a connected Unix socket.</summary>
    public static PeerCredentials Read(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> ucred = stackalloc byte[12];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        if (length < 12)
            throw new SocketException((int)SocketError.InvalidArgument);
        return new PeerCredentials(
            BinaryPrimitives.ReadInt32LittleEndian(ucred),
            BinaryPrimitives.ReadUInt32LittleEndian(ucred[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(ucred[8..]));
    }

    public override string ToString() => $"pid {Pid}, uid {Uid}, gid {Gid}";
}
