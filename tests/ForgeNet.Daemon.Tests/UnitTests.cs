using System.Net;
using ForgeNet.Core.Errors;
using ForgeNet.Daemon.Api;
using ForgeNet.Daemon.Security;
using Grpc.Core;

namespace ForgeNet.Daemon.Tests;

/// <summary>The daemon's pure parts: options, group membership, status mapping.</summary>
public sealed class UnitTests
{
    [Fact]
    public void Parse_Defaults_SocketAndMetrics()
    {
        var options = DaemonOptions.Parse([]);
        Assert.Equal("/run/forgenet/forgenet.sock", options.SocketPath);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9464), options.Metrics);
    }

    [Fact]
    public void Parse_Options_Applied()
    {
        var options = DaemonOptions.Parse(["--socket", "/tmp/x.sock", "--metrics", "off", "--foreground", "--drop-burst-threshold", "7"]);
        Assert.Equal("/tmp/x.sock", options.SocketPath);
        Assert.Null(options.Metrics);
        Assert.Equal(7UL, options.DropBurstThreshold);
    }

    [Fact]
    public void Parse_TrimWhenQuiet_MillisecondsOrOff()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), DaemonOptions.Parse([]).TrimWhenQuiet);
        Assert.Equal(TimeSpan.FromMilliseconds(250), DaemonOptions.Parse(["--trim-when-quiet", "250"]).TrimWhenQuiet);
        Assert.Equal(TimeSpan.Zero, DaemonOptions.Parse(["--trim-when-quiet", "0"]).TrimWhenQuiet);
    }

    [Theory]
    [InlineData(100L << 20, 100L << 20, 90L << 20, true)]      // a 10 MB burst, then nothing: trim
    [InlineData(100L << 20, 99L << 20, 90L << 20, false)]      // still allocating 1 MB a tick: wait
    [InlineData(100L << 20, 100L << 20, 97L << 20, false)]     // 3 MB since the last trim: nothing worth giving back
    [InlineData((100L << 20) + 1000, 100L << 20, 0L, true)]   // a timer's few bytes are quiet
    public void ShouldTrim_AllocationReadings_TrimsOnlyAfterBurstWhenQuiet(long now, long lastTick, long lastTrim, bool expected) =>
        Assert.Equal(expected, Hosting.MemoryTrimService.ShouldTrim(now, lastTick, lastTrim));

    [Theory]
    [InlineData("--trim-when-quiet", "soon")]
    [InlineData("--bogus")]
    [InlineData("--socket")]
    [InlineData("--metrics", "nowhere")]
    [InlineData("--metrics", "127.0.0.1:0")]
    public void Parse_Mistake_Throws(params string[] args) => Assert.Throws<ArgumentException>(() => DaemonOptions.Parse(args));

    [Theory]
    [InlineData(ErrorKind.InvalidArgument, StatusCode.InvalidArgument)]
    [InlineData(ErrorKind.NotFound, StatusCode.NotFound)]
    [InlineData(ErrorKind.AlreadyExists, StatusCode.AlreadyExists)]
    [InlineData(ErrorKind.InUse, StatusCode.FailedPrecondition)]
    [InlineData(ErrorKind.Exhausted, StatusCode.ResourceExhausted)]
    [InlineData(ErrorKind.Kernel, StatusCode.Internal)]
    [InlineData(ErrorKind.Internal, StatusCode.Internal)]
    public void CodeFor_Kind_Mapped(ErrorKind kind, StatusCode code) => Assert.Equal(code, StatusMapping.CodeFor(kind));

    [Fact]
    public async Task Guard_ForgeException_RpcExceptionWithMessage()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => StatusMapping.Guard<int>(() => throw new ForgeException(ErrorKind.NotFound, "network x not found")));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Equal("network x not found", e.Status.Detail);
    }

    [Fact]
    public void Refusal_ByMembership_Decided()
    {
        var dir = Directory.CreateTempSubdirectory("fnt-groups").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "group"), "# comment\nforgenet:x:500:alice, bob\nother:x:501:carol\n");
            File.WriteAllText(Path.Combine(dir, "passwd"), "alice:x:1000:100::/:/bin/sh\nbob:x:1001:100::/:/bin/sh\ncarol:x:1002:100::/:/bin/sh\ndave:x:1003:500::/:/bin/sh\n");
            var authorizer = new PeerAuthorizer(new GroupDirectory(Path.Combine(dir, "group"), Path.Combine(dir, "passwd")));
            Assert.Null(authorizer.Refusal(new PeerCredentials(1, 0, 0)));
            Assert.Null(authorizer.Refusal(new PeerCredentials(1, 1000, 100)));
            Assert.Null(authorizer.Refusal(new PeerCredentials(1, 1001, 100)));
            Assert.Null(authorizer.Refusal(new PeerCredentials(1, 1003, 100)));
            Assert.Null(authorizer.Refusal(new PeerCredentials(1, 4711, 500)));
            Assert.Contains("uid 1002", authorizer.Refusal(new PeerCredentials(1, 1002, 100)));
            Assert.NotNull(authorizer.Refusal(new PeerCredentials(1, 4711, 4711)));
            Assert.NotNull(authorizer.Refusal(null));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Refusal_NoGroup_OnlyRoot()
    {
        var authorizer = new PeerAuthorizer(new GroupDirectory("/nonexistent/group", "/nonexistent/passwd"));
        Assert.Null(authorizer.Refusal(new PeerCredentials(1, 0, 0)));
        Assert.Contains("does not exist", authorizer.Refusal(new PeerCredentials(1, 1000, 1000)));
    }
}
