namespace ForgeNet.Core.Model;

/// <summary>A network as the engine reports it.</summary>
public sealed record NetworkInfo(string Name, string Id, string Driver, string BridgeName,
    string? Subnet4, string? Gateway4, string? Subnet6, string? Gateway6, bool Internal, int Mtu,
    DateTimeOffset Created, int EndpointCount);
