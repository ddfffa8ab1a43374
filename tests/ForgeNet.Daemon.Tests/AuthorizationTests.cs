using ForgeNet.Daemon.Tests.Support;
using ForgeNet.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Tests;

/// <summary>SO_PEERCRED authorisation against a real daemon, with callers that really are another uid.</summary>
public sealed class AuthorizationTests
{
    private const uint Nobody = 65534;
    private const uint ForgenetGid = 4242;

    [PrivilegedFact]
    public async Task Call_FromUidOutsideTheGroup_PermissionDenied()
    {
        using var host = new DaemonHost();
        using var files = new AccountFiles(host.StateDirectory, members: "someone-else");
        using var daemon = host.Start(files.Environment);
        Assert.Equal(ForgenetGid, Shell.Run("stat", null, "-c", "%g", host.Socket).Output.Trim() is var g && uint.TryParse(g, out var gid) ? gid : 0);
        Assert.Equal("660", Shell.Run("stat", null, "-c", "%a", host.Socket).Output.Trim());

        using var channel = ForeignCaller.Channel(host.Socket, Nobody, Nobody);
        var api = new V1.ForgeNet.ForgeNetClient(channel);
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await api.ListVNetsAsync(new V1.ListVNetsRequest()));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("uid 65534", denied.Status.Detail);
        var create = await Assert.ThrowsAsync<RpcException>(async () => await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net0" }));
        Assert.Equal(StatusCode.PermissionDenied, create.StatusCode);
        var health = await Assert.ThrowsAsync<RpcException>(async () => await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest()));
        Assert.Equal(StatusCode.PermissionDenied, health.StatusCode);

        // Root on the same daemon is served, and nothing was made by the refused call.
        using var root = daemon.Channel();
        Assert.Empty((await new V1.ForgeNet.ForgeNetClient(root).ListVNetsAsync(new V1.ListVNetsRequest())).Vnets);
    }

    [PrivilegedFact]
    public async Task Call_FromGroupMember_Served()
    {
        using var host = new DaemonHost();
        using var files = new AccountFiles(host.StateDirectory, members: "tester");
        using var daemon = host.Start(files.Environment);
        using var channel = ForeignCaller.Channel(host.Socket, Nobody, Nobody);
        var api = new V1.ForgeNet.ForgeNetClient(channel);
        Assert.Empty((await api.ListVNetsAsync(new V1.ListVNetsRequest())).Vnets);
    }

    [PrivilegedFact]
    public async Task Call_WithGroupAsPrimaryGid_Served()
    {
        using var host = new DaemonHost();
        using var files = new AccountFiles(host.StateDirectory, members: "");
        using var daemon = host.Start(files.Environment);
        using var channel = ForeignCaller.Channel(host.Socket, Nobody, ForgenetGid);
        Assert.Empty((await new V1.ForgeNet.ForgeNetClient(channel).ListVNetsAsync(new V1.ListVNetsRequest())).Vnets);
    }

    /// <summary>A group file with forgenet (gid 4242) and a passwd file with "tester" as uid 65534, for the daemon only.</summary>
    private sealed class AccountFiles : IDisposable
    {
        private readonly string _group;
        private readonly string _passwd;

        public AccountFiles(string directory, string members)
        {
            _group = Path.Combine(directory, "group");
            _passwd = Path.Combine(directory, "passwd");
            File.WriteAllText(_group, $"root:x:0:\nforgenet:x:{ForgenetGid}:{members}\n");
            File.WriteAllText(_passwd, $"root:x:0:0:root:/root:/bin/sh\ntester:x:{Nobody}:{Nobody}::/:/bin/false\n");
        }

        public Dictionary<string, string> Environment => new() { ["FORGENET_GROUP_FILE"] = _group, ["FORGENET_PASSWD_FILE"] = _passwd };

        public void Dispose()
        {
            File.Delete(_group);
            File.Delete(_passwd);
        }
    }
}
