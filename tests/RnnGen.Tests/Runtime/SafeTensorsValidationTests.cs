using System;
using System.Linq;
using System.Text;
using Xunit;
using static RnnGen.Tests.Runtime.SafeTensorsBytes;

namespace RnnGen.Tests.Runtime;

/// <summary>One test per rule SafeTensorsFile.Parse enforces: the exception, its file, its tensor, its words.</summary>
public sealed class SafeTensorsValidationTests
{
    private const string File = "bad.safetensors";

    private static WeightsException Reject(byte[] bytes, string? tensor, string fragment)
    {
        WeightsException e = Assert.Throws<WeightsException>(() => SafeTensorsFile.Parse(bytes, File));
        Assert.Equal(File, e.File);
        Assert.Equal(tensor, e.TensorName);
        string prefix = tensor is null ? $"{File}: " : $"{File}: tensor '{tensor}': ";
        Assert.StartsWith(prefix, e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        return e;
    }

    [Fact]
    public void File_shorter_than_8_bytes() =>
        Reject([1, 2, 3], null, "the file is 3 bytes long, shorter than the 8-byte header length");

    [Fact]
    public void Header_length_zero() =>
        Reject(WithLength(0, new byte[8]), null, "the header length is 0");

    [Fact]
    public void Header_length_above_the_limit() =>
        Reject(WithLength(100_000_001, new byte[16]), null, "the header length 100000001 exceeds the limit of 100000000 bytes");

    [Fact]
    public void Header_length_past_the_end_of_the_file() =>
        Reject(WithLength(50, Encoding.UTF8.GetBytes("{}        ")), null, "the header length 50 exceeds the 10 bytes that follow it");

    [Fact]
    public void Header_not_utf8()
    {
        byte[] header = [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}'];
        Reject(Build(header, 0), null, "the header is not valid UTF-8: invalid byte 0xFF at header offset 2");
    }

    [Fact]
    public void Header_not_json() =>
        Assert.IsType<System.Text.Json.JsonException>(
            Reject(Build("{\"w\": ", 0), null, "the header is not valid JSON: ").InnerException, exactMatch: false);

    [Fact]
    public void Header_not_an_object() =>
        Reject(Build("[1, 2]", 0), null, "the header is a JSON array, not an object");

    [Fact]
    public void Entry_not_an_object() =>
        Reject(Build("{\"w\":[1,2]}", 0), "w", "the entry is a JSON array, not an object");

    [Theory]
    [InlineData("dtype", "{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}")]
    [InlineData("shape", "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}")]
    [InlineData("data_offsets", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}")]
    public void Entry_missing_a_member(string member, string header) =>
        Reject(Build(header, 8), "w", $"the entry has no '{member}'");

    [Fact]
    public void Dtype_other_than_F32()
    {
        string header = "{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}";
        WeightsException e = Reject(Build(header, 4), "w", "unsupported dtype 'F16'; RnnGen reads F32 only");
        Assert.Equal($"{File}: tensor 'w': unsupported dtype 'F16'; RnnGen reads F32 only", e.Message);
    }

    [Fact]
    public void Shape_with_a_negative_dimension() =>
        Reject(Build("{" + Entry("w", "[2,-1]", 0, 8) + "}", 8), "w", "shape [2,-1] holds the negative dimension -1");

    [Theory]
    [InlineData("[1.5]", "1.5")]
    [InlineData("[\"2\"]", "\"2\"")]
    [InlineData("[null]", "null")]
    [InlineData("[1e3]", "1e3")]
    [InlineData("[3000000000]", "3000000000")]
    public void Shape_with_a_non_integer_dimension(string shape, string bad) =>
        Reject(Build("{" + Entry("w", shape, 0, 8) + "}", 8), "w", $"shape {shape} holds {bad}, not an integer in [0, 2147483647]");

    [Fact]
    public void Shape_not_an_array() =>
        Reject(Build("{" + Entry("w", "2", 0, 8) + "}", 8), "w", "shape is a JSON number, not an array");

    [Theory]
    [InlineData("[0]")]
    [InlineData("[0,4,8]")]
    [InlineData("[\"0\",8]")]
    [InlineData("[0.5,8]")]
    [InlineData("[-8,0]")]
    [InlineData("8")]
    public void Data_offsets_not_two_integers(string offsets)
    {
        string header = $"{{\"w\":{{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":{offsets}}}}}";
        Reject(Build(header, 8), "w", $"data_offsets {offsets} are not two non-negative integers [begin, end]");
    }

    [Fact]
    public void Data_offsets_begin_after_end() =>
        Reject(Build("{" + Entry("w", "[2]", 8, 0) + "}", 8), "w", "data_offsets [8, 0] begin after they end");

    [Fact]
    public void Byte_count_differs_from_shape()
    {
        byte[] bytes = Build("{" + Entry("Waa", "[100,100]", 0, 396) + "}", 396);
        WeightsException e = Assert.Throws<WeightsException>(() => SafeTensorsFile.Parse(bytes, "name-tagger.safetensors"));
        Assert.Equal(
            "name-tagger.safetensors: tensor 'Waa': data_offsets [0, 396] cover 396 bytes but shape [100, 100] of F32 needs 40000",
            e.Message);
        Assert.Equal("Waa", e.TensorName);
    }

    [Fact]
    public void Overlapping_offsets() =>
        Reject(
            Build("{" + Entry("a", "[2]", 0, 8) + "," + Entry("b", "[2]", 4, 12) + "}", 12),
            "b", "data_offsets [4, 12] overlap tensor 'a' at [0, 8]");

    [Fact]
    public void Gap_between_tensors() =>
        Reject(
            Build("{" + Entry("b", "[2]", 12, 20) + "," + Entry("a", "[2]", 0, 8) + "}", 20),
            "b", "data_offsets [12, 20] leave a gap of 4 bytes after tensor 'a' at [0, 8]");

    [Fact]
    public void Gap_at_the_start() =>
        Reject(
            Build("{" + Entry("a", "[2]", 4, 12) + "}", 12),
            "a", "data_offsets [4, 12] leave a gap of 4 bytes at the start of the data section");

    [Fact]
    public void Trailing_bytes_after_the_tensors()
    {
        WeightsException e = Reject(
            Build("{" + Entry("a", "[2]", 0, 8) + "}", 12),
            null, "the data section holds 12 bytes but the tensors cover 8: 4 trailing bytes after the last tensor 'a'");
        Assert.Contains("'a'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_without_tensors() =>
        Reject(Build("{}", 4), null, "the data section holds 4 bytes but the tensors cover 0: 4 trailing bytes after no tensors");

    [Fact]
    public void Data_section_too_short() =>
        Reject(
            Build("{" + Entry("a", "[2]", 0, 8) + "}", 4),
            "a", "data_offsets [0, 8] run past the end of the data section, which holds 4 bytes");

    [Fact]
    public void Duplicate_tensor_names() =>
        Reject(
            Build("{" + Entry("a", "[2]", 0, 8) + "," + Entry("a", "[2]", 8, 16) + "}", 16),
            "a", "the header names this tensor more than once");

    [Fact]
    public void Metadata_not_an_object() =>
        Reject(Build("{\"__metadata__\":[\"x\"]}", 0), null, "'__metadata__' is a JSON array, not a string → string map");

    [Fact]
    public void Metadata_value_not_a_string() =>
        Reject(Build("{\"__metadata__\":{\"epochs\":3}}", 0), null, "'__metadata__' maps 'epochs' to a JSON number, not a string");

    [Fact]
    public void Empty_tensors_are_legal()
    {
        string header = "{" + Entry("e", "[0,3]", 0, 0) + "," + Entry("a", "[2]", 0, 8) + "," + Entry("z", "[4,0]", 8, 8) + "}";
        SafeTensorsFile file = SafeTensorsFile.Parse(Build(header, 8), File);
        Assert.Equal(["e", "a", "z"], [.. file.Tensors.Select(t => t.Name)]);
        Assert.Empty(file.Require("e", 0, 3));
        Assert.Equal([0f, 0f], file.Require("a", 2));
    }

    [Fact]
    public void An_empty_file_with_no_tensors_is_legal()
    {
        SafeTensorsFile file = SafeTensorsFile.Parse(Build("{}      ", 0), File);
        Assert.Empty(file.Tensors);
        Assert.Empty(file.Metadata);
    }
}
