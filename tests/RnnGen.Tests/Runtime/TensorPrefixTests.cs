using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>
/// SafeTensorsFile.RequireAll: PyTorch's names found under whatever module prefixes a state_dict uses; and
/// RequireExact, which a model whose spec names its prefixes calls: the listed names or an error, no search.
/// </summary>
public sealed class TensorPrefixTests
{
    private static readonly TensorInfo[] Expected =
    {
        new("embedding.weight", new[] { 5, 2 }),
        new("rnn.weight_ih_l0", new[] { 3, 2 }),
        new("rnn.bias_ih_l0", new[] { 3 }),
        new("head.weight", new[] { 1, 3 }),
        new("head.bias", new[] { 1 }),
    };

    private static SafeTensorsFile File(params (string Name, int[] Shape)[] tensors)
    {
        float value = 0;
        var list = tensors.Select(t => new Tensor(t.Name, t.Shape, Enumerable.Range(0, t.Shape.Aggregate(1, (a, b) => a * b)).Select(_ => value++).ToArray()));
        return SafeTensorsFile.Parse(SafeTensorsFile.Serialize(list), "test.safetensors");
    }

    [Fact]
    public void The_listed_names_load_as_they_are()
    {
        SafeTensorsFile file = File(("embedding.weight", new[] { 5, 2 }), ("rnn.weight_ih_l0", new[] { 3, 2 }), ("rnn.bias_ih_l0", new[] { 3 }),
            ("head.weight", new[] { 1, 3 }), ("head.bias", new[] { 1 }));
        float[][] data = file.RequireAll(Expected);
        Assert.Equal(new[] { 10, 6, 3, 3, 1 }, data.Select(d => d.Length));
        Assert.Equal(file.Find("rnn.weight_ih_l0")!.Data, data[1]);
    }

    [Fact]
    public void Other_module_names_are_found_by_suffix_and_shape()
    {
        SafeTensorsFile file = File(("encoder.emb.weight", new[] { 5, 2 }), ("encoder.gru.weight_ih_l0", new[] { 3, 2 }),
            ("encoder.gru.bias_ih_l0", new[] { 3 }), ("fc.weight", new[] { 1, 3 }), ("fc.bias", new[] { 1 }));
        float[][] data = file.RequireAll(Expected);
        Assert.Equal(file.Find("encoder.emb.weight")!.Data, data[0]);
        Assert.Equal(file.Find("encoder.gru.bias_ih_l0")!.Data, data[2]);
        Assert.Equal(file.Find("fc.weight")!.Data, data[3]);
        Assert.Equal(file.Find("fc.bias")!.Data, data[4]);
    }

    [Fact]
    public void Two_prefixes_that_both_fit_are_an_error_that_names_them()
    {
        SafeTensorsFile file = File(("embedding.weight", new[] { 5, 2 }), ("rnn.weight_ih_l0", new[] { 3, 2 }), ("rnn.bias_ih_l0", new[] { 3 }),
            ("a.weight", new[] { 1, 3 }), ("a.bias", new[] { 1 }), ("b.weight", new[] { 1, 3 }), ("b.bias", new[] { 1 }));
        var e = Assert.Throws<WeightsException>(() => file.RequireAll(Expected));
        Assert.Contains("several module prefixes ('a.', 'b.')", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_misshapen_tensor_is_named_with_what_the_model_expects_and_what_the_file_holds()
    {
        SafeTensorsFile file = File(("embedding.weight", new[] { 5, 2 }), ("rnn.weight_ih_l0", new[] { 4, 2 }), ("rnn.bias_ih_l0", new[] { 3 }),
            ("head.weight", new[] { 1, 3 }), ("head.bias", new[] { 1 }));
        var e = Assert.Throws<WeightsException>(() => file.RequireAll(Expected));
        Assert.Contains("rnn.weight_ih_l0", e.Message, StringComparison.Ordinal);
        Assert.Contains("shape [4, 2] but the model needs [3, 2]", e.Message, StringComparison.Ordinal);
        Assert.Contains("the model expects embedding.weight [5, 2], rnn.weight_ih_l0 [3, 2]", e.Message, StringComparison.Ordinal);
        Assert.Contains("the file has embedding.weight [5, 2], head.bias [1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misshapen_tensor_under_another_prefix_is_named_with_its_shape_not_as_missing()
    {
        SafeTensorsFile file = File(("embedding.weight", new[] { 5, 2 }), ("encoder.gru.weight_ih_l0", new[] { 6, 2 }), ("encoder.gru.bias_ih_l0", new[] { 3 }),
            ("head.weight", new[] { 1, 3 }), ("head.bias", new[] { 1 }));
        var e = Assert.Throws<WeightsException>(() => file.RequireAll(Expected));
        Assert.Contains("encoder.gru.weight_ih_l0", e.Message, StringComparison.Ordinal);
        Assert.Contains("shape [6, 2] but the model needs [3, 2]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_the_model_does_not_read_is_rejected()
    {
        SafeTensorsFile file = File(("embedding.weight", new[] { 5, 2 }), ("rnn.weight_ih_l0", new[] { 3, 2 }), ("rnn.bias_ih_l0", new[] { 3 }),
            ("head.weight", new[] { 1, 3 }), ("head.bias", new[] { 1 }), ("rnn.weight_ih_l1", new[] { 3, 3 }));
        var e = Assert.Throws<WeightsException>(() => file.RequireAll(Expected));
        Assert.Contains("rnn.weight_ih_l1", e.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected", e.Message, StringComparison.Ordinal);
    }

    private static readonly TensorInfo[] Named =
    {
        new("encoder.emb.weight", new[] { 5, 2 }),
        new("encoder.gru.weight_ih_l0", new[] { 3, 2 }),
        new("encoder.gru.bias_ih_l0", new[] { 3 }),
        new("fc.weight", new[] { 1, 3 }),
        new("fc.bias", new[] { 1 }),
    };

    [Fact]
    public void Exact_names_load_in_the_listed_order()
    {
        SafeTensorsFile file = File(("fc.bias", new[] { 1 }), ("encoder.gru.weight_ih_l0", new[] { 3, 2 }), ("encoder.emb.weight", new[] { 5, 2 }),
            ("fc.weight", new[] { 1, 3 }), ("encoder.gru.bias_ih_l0", new[] { 3 }));
        float[][] data = file.RequireExact(Named);
        Assert.Equal(Named.Select(t => file.Find(t.Name)!.Data), data);
    }

    [Fact]
    public void Exact_names_are_not_searched_for_under_other_prefixes()
    {
        // RequireAll would take 'decoder.fc.' as the one prefix that fits; RequireExact names what is missing and where it is.
        SafeTensorsFile file = File(("encoder.emb.weight", new[] { 5, 2 }), ("encoder.gru.weight_ih_l0", new[] { 3, 2 }),
            ("encoder.gru.bias_ih_l0", new[] { 3 }), ("decoder.fc.weight", new[] { 1, 3 }), ("decoder.fc.bias", new[] { 1 }));
        var e = Assert.Throws<WeightsException>(() => file.RequireExact(Named));
        Assert.Equal("fc.weight", e.TensorName);
        Assert.Equal(
            "missing, but the file has 'decoder.fc.weight' (the spec names the module prefixes, so no other prefix is tried); "
            + "the model expects encoder.emb.weight [5, 2], encoder.gru.weight_ih_l0 [3, 2], encoder.gru.bias_ih_l0 [3], fc.weight [1, 3], fc.bias [1]; "
            + "the file has decoder.fc.bias [1], decoder.fc.weight [1, 3], encoder.emb.weight [5, 2], encoder.gru.bias_ih_l0 [3], encoder.gru.weight_ih_l0 [3, 2]",
            e.Detail);
    }

    [Fact]
    public void An_exact_name_of_another_shape_is_named_with_both_shapes()
    {
        SafeTensorsFile file = File(("encoder.emb.weight", new[] { 5, 2 }), ("encoder.gru.weight_ih_l0", new[] { 3, 4 }),
            ("encoder.gru.bias_ih_l0", new[] { 3 }), ("fc.weight", new[] { 1, 3 }), ("fc.bias", new[] { 1 }));
        var e = Assert.Throws<WeightsException>(() => file.RequireExact(Named));
        Assert.Equal("encoder.gru.weight_ih_l0", e.TensorName);
        Assert.StartsWith("shape [3, 4] but the model needs [3, 2]; the model expects encoder.emb.weight [5, 2]", e.Detail, StringComparison.Ordinal);
        Assert.Contains("the file has encoder.emb.weight [5, 2], encoder.gru.bias_ih_l0 [3], encoder.gru.weight_ih_l0 [3, 4]", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_not_listed_is_rejected_with_both_lists()
    {
        SafeTensorsFile file = File(("encoder.emb.weight", new[] { 5, 2 }), ("encoder.gru.weight_ih_l0", new[] { 3, 2 }),
            ("encoder.gru.bias_ih_l0", new[] { 3 }), ("fc.weight", new[] { 1, 3 }), ("fc.bias", new[] { 1 }), ("encoder.gru.bias_hh_l0", new[] { 3 }));
        var e = Assert.Throws<WeightsException>(() => file.RequireExact(Named));
        Assert.Equal("encoder.gru.bias_hh_l0", e.TensorName);
        Assert.StartsWith("unexpected; the model expects encoder.emb.weight [5, 2]", e.Detail, StringComparison.Ordinal);
        Assert.Contains("the file has encoder.emb.weight [5, 2], encoder.gru.bias_hh_l0 [3]", e.Detail, StringComparison.Ordinal);
    }
}
