namespace ForgeNet.Daemon.Security;

/// <summary>A connection feature: the peer credentials read once when the connection was accepted.</summary>
public sealed record PeerCredentialsFeature(PeerCredentials Credentials);
