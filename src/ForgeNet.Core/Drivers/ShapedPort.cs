namespace ForgeNet.Core.Drivers;

/// <summary>One endpoint's host-side veth as the bandwidth shaper needs it: its owner (for the ifb's tag), its name and its network's MTU.</summary>
internal sealed record ShapedPort(string SandboxId, string HostInterface, int Mtu);
