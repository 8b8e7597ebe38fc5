using System.Collections.Generic;
using RnnGen.Audio;
using Xunit;

namespace RnnGen.Tests.Audio;

/// <summary>The front end's parameters written into a weights file's metadata and read back.</summary>
public sealed class LogMelMetadataTests
{
    [Fact]
    public void Options_round_trip_through_metadata()
    {
        var options = LogMelOptions.Standard with { MeanNormalization = true, LogFloor = 1.5e-7f, LowFrequency = 20.5, MelBands = 32 };
        IReadOnlyDictionary<string, string> metadata = LogMelMetadata.Write(options);
        Assert.Equal("true", metadata["log-mel.mean-normalization"]);
        Assert.Equal("32", metadata["log-mel.bands"]);
        Assert.Equal(options, LogMelMetadata.Read(metadata, out string? problem));
        Assert.Null(problem);
    }

    [Fact]
    public void No_entries_is_no_front_end_and_a_bad_entry_is_named()
    {
        Assert.Null(LogMelMetadata.Read(new Dictionary<string, string> { ["model"] = "x" }, out string? none));
        Assert.Null(none);
        var metadata = new Dictionary<string, string>(LogMelMetadata.Write(LogMelOptions.Standard)) { ["log-mel.hop"] = "ten" };
        Assert.Null(LogMelMetadata.Read(metadata, out string? bad));
        Assert.Equal("the metadata entry 'log-mel.hop' is missing or not a number", bad);
        metadata["log-mel.hop"] = "0";
        Assert.Null(LogMelMetadata.Read(metadata, out string? unusable));
        Assert.Equal("the hop length 0 is below 1 sample", unusable);
        metadata.Remove("log-mel.mean-normalization");
        metadata["log-mel.hop"] = "160";
        LogMelMetadata.Read(metadata, out string? missing);
        Assert.Equal("the metadata entry 'log-mel.mean-normalization' is missing or not true or false", missing);
    }
}
