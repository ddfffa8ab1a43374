using System.Runtime.InteropServices;
using ForgeNet.Core.Model;

namespace ForgeNet.Core.Drivers;

/// <summary>Everything needed to create one endpoint's veth pair.</summary>
internal sealed record VethPlan(EndpointRecord Endpoint, NetworkRecord Network, int BridgeIndex, SafeHandle SandboxNamespace);
