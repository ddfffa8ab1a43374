using System.Net;
using ForgeNet.Core.Firewall;
using ForgeNet.Core.Store;
using ForgeNet.Core.Tests.Store;
using static ForgeNet.Core.Tests.Firewall.FirewallSamples;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>The directory reads the store again after any commit, this connection's or another's, and only then.</summary>
public class DomainDirectoryTests
{
    [Fact]
    public void Find_StoreChangedByEitherConnection_ReadsAgainOnlyThen()
    {
        using var dir = new TempStateDirectory();
        using var mine = ForgeStore.Open(dir.Path);
        using var other = ForgeStore.Open(dir.Path);
        var loads = 0;
        var directory = new DomainDirectory(() => mine.TryChangeStamp(), () => mine.ChangeStamp(), () =>
        {
            loads++;
            return mine.Read(() => mine.FindSandbox("web")) is null ? [] : [Web()];
        });
        var web = IPAddress.Parse("10.89.0.5");

        Assert.Null(directory.Find("net0", web));
        Assert.Null(directory.Find("net0", web));
        Assert.Equal(1, loads);

        other.Write(() => other.InsertSandbox(TempStateDirectory.Sandbox("web")));
        Assert.NotNull(directory.Find("net0", web));
        Assert.NotNull(directory.Find("net0id", IPAddress.Parse("fd00:89::5")));
        Assert.Equal(2, loads);

        mine.Write(() => mine.InsertSandbox(TempStateDirectory.Sandbox("db")));
        Assert.NotNull(directory.Find("net0", web));
        Assert.Equal(3, loads);

        directory.Invalidate();
        Assert.NotNull(directory.Find("net0", web));
        Assert.Equal(4, loads);
    }

    [Fact]
    public async Task Find_WriteOfThisProcessInProgress_AnswersFromWhatWasReadWithoutWaiting()
    {
        using var dir = new TempStateDirectory();
        using var store = ForgeStore.Open(dir.Path);
        var directory = new DomainDirectory(() => store.TryChangeStamp(), () => store.ChangeStamp(), () => [Web()]);
        Assert.NotNull(directory.Find("net0", IPAddress.Parse("10.89.0.5")));
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var writer = Task.Run(() => store.Write(() =>
        {
            inside.Set();
            release.Wait(TimeSpan.FromSeconds(10));
        }));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(5)));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.NotNull(directory.Find("net0", IPAddress.Parse("10.89.0.5")));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"waited {clock.Elapsed}");
        release.Set();
        await writer.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
