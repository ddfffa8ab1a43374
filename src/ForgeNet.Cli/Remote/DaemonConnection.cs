using System.CommandLine;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace ForgeNet.Cli.Remote;

/// <summary>
/// Which daemon, if any, the CLI talks to: <c>--host unix:///PATH</c> or FORGENET_HOST (must answer; <c>local</c> means
/// in-process), else the
/// default socket when a daemon answers there and FORGENET_STATE_DIR does not name a state directory of its own
/// (an explicit state directory means this engine, in-process), else none.
/// </summary>
public static class DaemonConnection
{
    public const string DefaultSocket = "/run/forgenet/forgenet.sock";

    public static readonly Option<string?> HostOption = new("--host")
    {
        Description = "Talk to the daemon at unix:///PATH (default: /run/forgenet/forgenet.sock when a daemon answers there, else in-process)",
        Recursive = true,
    };

    /// <summary>The socket to use, or null for the in-process engine.</summary>
    public static string? Resolve(ParseResult parse)
    {
        var host = parse.GetValue(HostOption);
        if (host is null && Environment.GetEnvironmentVariable("FORGENET_HOST") is { Length: > 0 } env)
            host = env;
        if (host is not null)
        {
            if (host is "local" or "in-process") return null;
            var path = ParseHost(host);
            if (!Answers(path))
                throw new Core.Errors.ForgeException(Core.Errors.ErrorKind.Internal, $"no daemon answers at {path} (forge daemon starts one)");
            return path;
        }
        if (Environment.GetEnvironmentVariable("FORGENET_STATE_DIR") is { Length: > 0 }) return null;
        return File.Exists(DefaultSocket) && Answers(DefaultSocket) ? DefaultSocket : null;
    }

    /// <summary>A gRPC channel over the Unix socket.</summary>
    public static GrpcChannel Channel(string socket)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancel) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancel).ConfigureAwait(false);
                    return new NetworkStream(s, ownsSocket: true);
                }
                catch
                {
                    s.Dispose();
                    throw;
                }
            },
        };
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private static string ParseHost(string host)
    {
        const string scheme = "unix://";
        if (host.StartsWith(scheme, StringComparison.Ordinal) && host.Length > scheme.Length && host[scheme.Length] == '/')
            return host[scheme.Length..];
        throw new UsageException($"invalid --host '{host}': use unix:///PATH (e.g. unix://{DefaultSocket})");
    }

    // A connect tells whether a daemon listens (a dead daemon's socket file refuses); it costs tens of microseconds.
    private static bool Answers(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
