using System.Net;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Core.Store;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Tests.Store;

/// <summary>A temporary state directory and helpers to fill a store without the kernel.</summary>
internal sealed class TempStateDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("fnt-store-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);

    public static NetworkRecord Network(string name, string subnet4, string? subnet6 = null)
    {
        var id = Names.NewId();
        var s4 = IpPrefix.Parse(subnet4);
        var s6 = subnet6 is null ? (IpPrefix?)null : IpPrefix.Parse(subnet6);
        return new NetworkRecord(id, name, "bridge", Names.Bridge(id), s4, IPAddress.Parse("10.0.0.1"),
            s6, s6 is null ? null : IPAddress.Parse("fd00::1"), false, 1500, DateTimeOffset.UtcNow);
    }

    public static SandboxRecord Sandbox(string name) => new(Names.NewId(), name, IsolationMode.Internal,
        "forge-" + name, SandboxState.Creating, null, ProcessIdentity.Current, DateTimeOffset.UtcNow);

    public static List<(EndpointRecord Endpoint, NetworkRecord Network)> AddSandbox(
        ForgeStore store, string name, IReadOnlyList<AttachmentPlan> plans, int maxPorts = 1023) =>
        store.Write(() => SandboxRecorder.Record(store, Sandbox(name), plans, maxPorts));
}
