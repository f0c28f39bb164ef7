namespace Solifyn.TestSupport;

/// <summary>
/// The signing master key every test silo on Redis is started with (<c>Solifyn:Signing:MasterKey</c>, required with
/// Redis storage): a fixed test value, so silos of one test share it and tests can open the sealed keys they scan for.
/// </summary>
public static class TestSigningKey
{
    /// <summary>Base64 of 32 bytes 0x00..0x1F. Never use it outside tests.</summary>
    public const string MasterKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    public const string Setting = "Solifyn:Signing:MasterKey";

    public const string EnvironmentVariable = "Solifyn__Signing__MasterKey";
}
