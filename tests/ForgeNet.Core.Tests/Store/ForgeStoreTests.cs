using System.Collections.Concurrent;
using System.Net;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Core.Store;
using Microsoft.Data.Sqlite;

namespace ForgeNet.Core.Tests.Store;

public class ForgeStoreTests
{
    private static readonly AttachmentPlan[] OnNet0 = [new("net0", 0, null, null)];

    [Fact]
    public void Open_EmptyDirectory_MigratesAndMakesInstanceId()
    {
        using var dir = new TempStateDirectory();
        var stateDir = Path.Combine(dir.Path, "state");
        string instance;
        using (var store = ForgeStore.Open(stateDir))
        {
            instance = store.InstanceId;
            Assert.Matches("^[0-9a-f]{8}$", instance);
            Assert.Empty(store.Read(store.AllNetworks));
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(stateDir));
        using (var again = ForgeStore.Open(stateDir))
            Assert.Equal(instance, again.InstanceId);
        Assert.Equal(Migrations.Latest, Pragma(stateDir, "user_version"));
        Assert.Equal("wal", Pragma(stateDir, "journal_mode"));
    }

    [Fact]
    public void Open_FourAtOnceOnFreshDirectory_OneSchemaOneInstanceId()
    {
        using var dir = new TempStateDirectory();
        var stateDir = Path.Combine(dir.Path, "fresh");
        var ids = new ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            using var store = ForgeStore.Open(stateDir);
            ids.Add(store.InstanceId);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(4, ids.Count);
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public void Open_NewerSchema_RefusesWithClearError()
    {
        using var dir = new TempStateDirectory();
        ForgeStore.Open(dir.Path).Dispose();
        using (var db = new SqliteConnection($"Data Source={Path.Combine(dir.Path, ForgeStore.FileName)};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {Migrations.Latest + 1}";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<ForgeException>(() => ForgeStore.Open(dir.Path));
        Assert.Contains("newer", e.Message);
    }

    [Fact]
    public void Record_SandboxOnNetwork_EndpointAndAllocationStored()
    {
        using var dir = new TempStateDirectory();
        using var store = ForgeStore.Open(dir.Path);
        var net = TempStateDirectory.Network("net0", "10.89.0.0/24", "fd00::/64");
        store.Write(() => store.InsertNetwork(net));
        var (endpoint, network) = Assert.Single(TempStateDirectory.AddSandbox(store, "web-1", OnNet0));
        Assert.Equal(net.Id, network.Id);
        Assert.Equal("eth0", endpoint.Interface);
        Assert.Equal(24, endpoint.Address4!.Value.Length);
        Assert.Equal(64, endpoint.Address6!.Value.Length);
        var sandbox = store.Read(() => store.FindSandbox("web-1"))!;
        Assert.Equal(endpoint, Assert.Single(store.Read(() => store.EndpointsOf(sandbox.Id))));
        Assert.Equal(2, store.Read(() => store.UsedAddresses(net.Id)).Count);
        Assert.Equal(1, store.Read(() => store.EndpointCount(net.Id)));
    }

    [Fact]
    public void Record_DuplicateName_AlreadyExistsAndNothingChanged()
    {
        using var dir = new TempStateDirectory();
        using var store = ForgeStore.Open(dir.Path);
        var net = TempStateDirectory.Network("net0", "10.89.0.0/24");
        store.Write(() => store.InsertNetwork(net));
        TempStateDirectory.AddSandbox(store, "web-1", OnNet0);
        var e = Assert.Throws<ForgeException>(() => TempStateDirectory.AddSandbox(store, "web-1", OnNet0));
        Assert.Equal(ErrorKind.AlreadyExists, e.Kind);
        Assert.Single(store.Read(store.AllSandboxes));
        Assert.Single(store.Read(() => store.UsedAddresses(net.Id)));
    }

    [Fact]
    public void Record_RequestedAddressTaken_InUseAndRolledBack()
    {
        using var dir = new TempStateDirectory();
        using var store = ForgeStore.Open(dir.Path);
        store.Write(() => store.InsertNetwork(TempStateDirectory.Network("net0", "10.89.0.0/24")));
        var wanted = IPAddress.Parse("10.89.0.9");
        TempStateDirectory.AddSandbox(store, "a", [new("net0", 0, wanted, null)]);
        var e = Assert.Throws<ForgeException>(() => TempStateDirectory.AddSandbox(store, "b", [new("net0", 0, wanted, null)]));
        Assert.Equal(ErrorKind.InUse, e.Kind);
        Assert.Null(store.Read(() => store.FindSandbox("b")));
    }

    [Fact]
    public void Record_BridgePortLimit_ExhaustedBeforeAnyChange()
    {
        using var dir = new TempStateDirectory();
        using var store = ForgeStore.Open(dir.Path);
        store.Write(() => store.InsertNetwork(TempStateDirectory.Network("net0", "10.89.0.0/24")));
        TempStateDirectory.AddSandbox(store, "a", OnNet0, maxPorts: 2);
        TempStateDirectory.AddSandbox(store, "b", OnNet0, maxPorts: 2);
        var e = Assert.Throws<ForgeException>(() => TempStateDirectory.AddSandbox(store, "c", OnNet0, maxPorts: 2));
        Assert.Equal(ErrorKind.Exhausted, e.Kind);
        Assert.Equal("network net0 is full: a Linux bridge holds at most 2 ports", e.Message);
        Assert.Equal(2, store.Read(store.AllSandboxes).Count);
    }

    [Fact]
    public void DeleteSandbox_CascadesEndpointsAndAllocations()
    {
        using var dir = new TempStateDirectory();
        using var store = ForgeStore.Open(dir.Path);
        var net = TempStateDirectory.Network("net0", "10.89.0.0/24");
        store.Write(() => store.InsertNetwork(net));
        TempStateDirectory.AddSandbox(store, "a", OnNet0);
        var sandbox = store.Read(() => store.FindSandbox("a"))!;
        Assert.True(store.Write(() => store.DeleteSandbox(sandbox.Id)));
        Assert.Empty(store.Read(store.AllEndpoints));
        Assert.Empty(store.Read(() => store.UsedAddresses(net.Id)));
        Assert.Empty(store.Read(() => store.SandboxesOn(net.Id)));
    }

    [Fact]
    public void Record_TwoStoresConcurrently_HundredDistinctAddresses()
    {
        using var dir = new TempStateDirectory();
        using (var setup = ForgeStore.Open(dir.Path))
            setup.Write(() => setup.InsertNetwork(TempStateDirectory.Network("net0", "10.89.0.0/24")));
        var addresses = new ConcurrentBag<IPAddress>();
        var workers = Enumerable.Range(0, 2).Select(w => new Thread(() =>
        {
            using var store = ForgeStore.Open(dir.Path);
            for (var i = 0; i < 50; i++)
            {
                // Same key prefix on both sides, so hash starts collide and only the transaction keeps them apart.
                var (endpoint, _) = TempStateDirectory.AddSandbox(store, $"w{w}-s{i}", OnNet0)[0];
                addresses.Add(endpoint.Address4!.Value.Address);
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        Assert.Equal(100, addresses.Count);
        Assert.Equal(100, addresses.Distinct().Count());
    }

    private static object Pragma(string dir, string name)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(dir, ForgeStore.FileName)};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        var value = command.ExecuteScalar()!;
        return value is long l ? (int)l : value;
    }
}
