using ForgeNet.Core.Model;
using ForgeNet.Core.Store;
using Microsoft.Data.Sqlite;

namespace ForgeNet.Core.Tests.Store;

public class MigrationTests
{
    [Fact]
    public void Open_SchemaOneWithASandbox_PolicyColumnAddedAndNull()
    {
        using var dir = new TempStateDirectory();
        var path = Path.Combine(dir.Path, ForgeStore.FileName);
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = Migrations.Steps[0] + """
                PRAGMA user_version = 1;
                INSERT INTO sandboxes (id, name, isolation, netns, state, actor_pid, created)
                VALUES ('s1', 'old', 'Internal', 'forge-old', 'Ready', 1, 0);
                """;
            command.ExecuteNonQuery();
        }
        using var store = ForgeStore.Open(dir.Path);
        var old = store.Read(() => store.FindSandbox("old"))!;
        Assert.Null(old.PolicyYaml);
        Assert.Equal(IsolationMode.Internal, old.Isolation);
        store.Write(() => store.SetSandboxPolicy("s1", IsolationMode.PeerOnly, "version: 1\nmode: peer-only\n", ""));
        var updated = store.Read(() => store.FindSandbox("old"))!;
        Assert.Equal(IsolationMode.PeerOnly, updated.Isolation);
        Assert.Equal("version: 1\nmode: peer-only\n", updated.PolicyYaml);
    }

    [Fact]
    public void Open_SchemaTwoWithASandbox_OwnedNamespaceAndNoContainer()
    {
        using var dir = new TempStateDirectory();
        var path = Path.Combine(dir.Path, ForgeStore.FileName);
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = Migrations.Steps[0] + Migrations.Steps[1] + """
                PRAGMA user_version = 2;
                INSERT INTO sandboxes (id, name, isolation, netns, state, actor_pid, created)
                VALUES ('s1', 'old', 'Internal', 'forge-old', 'Ready', 1, 0);
                """;
            command.ExecuteNonQuery();
        }
        using var store = ForgeStore.Open(dir.Path);
        var old = store.Read(() => store.FindSandbox("old"))!;
        Assert.False(old.IsExternal);
        Assert.Null(old.ContainerId);
        Assert.Empty(store.Read(() => store.SandboxesOfContainer("c1")));
    }

    [Fact]
    public void Open_SchemaFiveWithASandbox_PublishedNullUntilThePolicyIsSet()
    {
        using var dir = new TempStateDirectory();
        var path = Path.Combine(dir.Path, ForgeStore.FileName);
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = string.Concat(Migrations.Steps.Take(5)) + """
                PRAGMA user_version = 5;
                INSERT INTO sandboxes (id, name, isolation, netns, state, actor_pid, created, policy)
                VALUES ('s1', 'old', 'Private', 'forge-old', 'Ready', 1, 0, 'version: 1
                mode: private
                ports: [8080:80/tcp]
                ');
                """;
            command.ExecuteNonQuery();
        }
        using var store = ForgeStore.Open(dir.Path);
        Assert.Null(store.Read(() => store.FindSandbox("old"))!.Published);
        store.Write(() => store.SetSandboxPolicy("s1", IsolationMode.Private, "version: 1\nmode: private\n", "9090:90/udp"));
        Assert.Equal("9090:90/udp", store.Read(() => store.FindSandbox("old"))!.Published);
    }

    [Fact]
    public void InsertSandbox_External_RoundTrips()
    {
        using var dir = new TempStateDirectory();
        using var store = ForgeStore.Open(dir.Path);
        var record = new SandboxRecord("s2", "cni-c1", IsolationMode.Internal, "/proc/42/ns/net", SandboxState.Ready,
            null, ProcessIdentity.Current, Names.Now())
        {
            ExternalNamespace = new ForgeNet.Kernel.Namespaces.NamespaceId(4, 4026532281),
            ContainerId = "c1",
            Published = "127.0.0.1:8080:80/tcp 53:53/udp",
        };
        store.Write(() => store.InsertSandbox(record));
        Assert.Equivalent(record, store.Read(() => store.FindSandbox("cni-c1")), strict: true);
        Assert.Equivalent(new[] { record }, store.Read(() => store.SandboxesOfContainer("c1")), strict: true);
    }
}
