using System.Text.Json;
using System.Text.Json.Serialization;

namespace Solifyn.Cli.Import;

/// <summary>
/// What makes an import resumable: its secret (every row's license id and generated key derive from it, so a re-run
/// lands on the same licenses) and how many rows are known done. Written atomically after every wave of batches.
/// The file holds a secret: it is created readable by its owner only.
/// </summary>
public sealed class ImportState
{
    public int Version { get; set; } = 1;

    public string BusinessId { get; set; } = "";

    /// <summary>SHA-256 of the CSV: resuming against another file would pair rows with the wrong seeds.</summary>
    public string FileSha256 { get; set; } = "";

    public string Secret { get; set; } = "";

    /// <summary>Every data row up to and including this one is imported or reported rejected.</summary>
    public long RowsDone { get; set; }

    public long Imported { get; set; }

    public long Rejected { get; set; }

    public bool Completed { get; set; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static ImportState? Load(string path)
    {
        if (!File.Exists(path)) return null;
        return JsonSerializer.Deserialize<ImportState>(File.ReadAllText(path), Json)
               ?? throw new InvalidDataException($"{path} is not an import state file.");
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, fileOptions))
        {
            JsonSerializer.Serialize(stream, this, Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    [JsonIgnore]
    public byte[] SecretBytes => Convert.FromBase64String(Secret);
}
