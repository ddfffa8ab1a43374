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
        store.Write(() => store.SetSandboxPolicy("s1", IsolationMode.PeerOnly, "version: 1\nmode: peer-only\n"));
        var updated = store.Read(() => store.FindSandbox("old"))!;
        Assert.Equal(IsolationMode.PeerOnly, updated.Isolation);
        Assert.Equal("version: 1\nmode: peer-only\n", updated.PolicyYaml);
    }
}
