using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>Writing, reading, and the lookups generated Load() methods use.</summary>
public sealed class SafeTensorsFileTests
{
    private static readonly Tensor[] Weights =
    [
        new("Waa", [2, 2], [0.5f, -0.25f, 1e-30f, float.MaxValue]),
        new("Wax", [2, 3], [1f, 2f, 3f, -1f, 0f, 0.5f]),
        new("ba", [2], [0.1f, -0.2f]),
        new("empty", [0, 4], []),
        new("scalar", [], [42f]),
    ];

    [Fact]
    public void Round_trip_keeps_tensors_order_and_metadata()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rnngen-{Guid.NewGuid():N}.safetensors");
        try
        {
            var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "Ünïcode ok" };
            SafeTensorsFile.Write(path, Weights, metadata);
            SafeTensorsFile file = SafeTensorsFile.Read(path);

            Assert.Equal(path, file.Source);
            Assert.Equal(Weights, file.Tensors);
            Assert.Equal(["Waa", "Wax", "ba", "empty", "scalar"], [.. file.Tensors.Select(t => t.Name)]);
            Assert.Equal(metadata.OrderBy(p => p.Key), file.Metadata.OrderBy(p => p.Key));
            Assert.Equal(new[] { 1f, 2f, 3f, -1f, 0f, 0.5f }, file.Require("Wax", 2, 3));
            Assert.Same(file.Tensors[2], file.Find("ba"));
            Assert.Null(file.Find("BA"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Serialize_is_byte_exact_for_a_tiny_file()
    {
        var tensor = new Tensor("w", [2], [1f, -2f]);
        byte[] actual = SafeTensorsFile.Serialize([tensor], new Dictionary<string, string> { ["format"] = "pt" });

        // Header by hand: {"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}
        // = 1 + 14 + 1 + 15 + 1 + 3 + 1 + (1 + 7 + 1 + 5 + 1 + 7 + 1 + 3 + 1 + 14 + 1 + 5 + 1) + 1 = 85 bytes,
        // padded with 3 spaces to 88 = 0x58; then 1f = 0x3F800000 and -2f = 0xC0000000, little-endian.
        const string header = "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}   ";
        byte[] expected =
        [
            0x58, 0, 0, 0, 0, 0, 0, 0,
            .. Encoding.ASCII.GetBytes(header),
            0x00, 0x00, 0x80, 0x3F,
            0x00, 0x00, 0x00, 0xC0,
        ];
        Assert.Equal(104, expected.Length);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Serialize_is_deterministic_and_independent_of_metadata_order()
    {
        var first = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" };
        var second = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" };
        Assert.Equal(SafeTensorsFile.Serialize(Weights, first), SafeTensorsFile.Serialize(Weights, second));
        Assert.Equal(SafeTensorsFile.Serialize(Weights), SafeTensorsFile.Serialize(Weights.ToList()));
    }

    [Fact]
    public void Serialize_pads_the_header_to_a_multiple_of_8_and_omits_empty_metadata()
    {
        byte[] bytes = SafeTensorsFile.Serialize([], new Dictionary<string, string>());
        Assert.Equal([8, 0, 0, 0, 0, 0, 0, 0, .. "{}      "u8], bytes);
    }

    [Fact]
    public void Serialize_rejects_duplicate_and_reserved_names()
    {
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Serialize([new Tensor("a", [1], [1f]), new Tensor("a", [1], [2f])]));
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Serialize([new Tensor("__metadata__", [1], [1f])]));
    }

    [Fact]
    public void Read_wraps_io_errors_naming_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rnngen-missing-{Guid.NewGuid():N}.safetensors");
        WeightsException e = Assert.Throws<WeightsException>(() => SafeTensorsFile.Read(path));
        Assert.Equal(path, e.File);
        Assert.Null(e.TensorName);
        Assert.StartsWith($"{path}: cannot read the file: ", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(e.InnerException);
    }

    [Fact]
    public void Require_names_a_missing_tensor_and_lists_the_others()
    {
        SafeTensorsFile file = Parse(new Tensor("ba", [1], [0f]), new Tensor("Wax", [1, 1], [0f]), new Tensor("Waa", [1, 1], [0f]));
        WeightsException e = Assert.Throws<WeightsException>(() => file.Require("Wya", 1, 1));
        Assert.Equal("name-tagger.safetensors: tensor 'Wya': missing; the file has Waa, Wax, ba", e.Message);
        Assert.Equal("name-tagger.safetensors", e.File);
        Assert.Equal("Wya", e.TensorName);
    }

    [Fact]
    public void Require_names_a_shape_mismatch()
    {
        SafeTensorsFile file = Parse(new Tensor("Waa", [100, 99], new float[9900]));
        WeightsException e = Assert.Throws<WeightsException>(() => file.Require("Waa", 100, 100));
        Assert.Equal("name-tagger.safetensors: tensor 'Waa': shape [100, 99] but the model needs [100, 100]", e.Message);
        Assert.Equal("Waa", e.TensorName);
    }

    [Fact]
    public void Require_rejects_a_transposed_shape_of_the_same_size()
    {
        SafeTensorsFile file = Parse(new Tensor("Wax", [3, 2], new float[6]));
        WeightsException e = Assert.Throws<WeightsException>(() => file.Require("Wax", 2, 3));
        Assert.Contains("shape [3, 2] but the model needs [2, 3]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectUnexpected_names_the_stray_tensor_and_the_expected_list()
    {
        SafeTensorsFile file = Parse(new Tensor("Waa", [1, 1], [0f]), new Tensor("Wzz", [1], [0f]));
        file.RejectUnexpected("Waa", "Wzz");
        WeightsException e = Assert.Throws<WeightsException>(() => file.RejectUnexpected("Waa", "Wax", "ba"));
        Assert.Equal("name-tagger.safetensors: tensor 'Wzz': unexpected; the model reads only Waa, Wax, ba", e.Message);
        Assert.Equal("Wzz", e.TensorName);
    }

    [Fact]
    public void Tensor_checks_that_the_data_fits_the_shape()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new Tensor("Waa", [2, 2], new float[3]));
        Assert.Contains("shape [2, 2] needs 4 values but the data holds 3", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Tensor("w", [-1], []));
        Assert.Equal(new Tensor("w", [2], [1f, 2f]), new Tensor("w", [2], [1f, 2f]));
        Assert.NotEqual(new Tensor("w", [2], [1f, 2f]), new Tensor("w", [2], [1f, 3f]));
        Assert.NotEqual(new Tensor("w", [2, 1], [1f, 2f]), new Tensor("w", [1, 2], [1f, 2f]));
    }

    private static SafeTensorsFile Parse(params Tensor[] tensors) =>
        SafeTensorsFile.Parse(SafeTensorsFile.Serialize(tensors), "name-tagger.safetensors");
}
