using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Proto = Onnx;

namespace RnnGen.Onnx;

/// <summary>
/// Collects the nodes and initializers of one ONNX graph in the order they are added: a thin layer over the
/// Protobuf messages so that the exporter reads as a list of operators.
/// </summary>
internal sealed class OnnxGraphWriter
{
    private readonly Proto.GraphProto _graph;

    public OnnxGraphWriter(string name, string docString) => _graph = new Proto.GraphProto { Name = name, DocString = docString };

    public Proto.GraphProto Graph => _graph;

    /// <summary>A float initializer of the given shape (row-major values), stored as little-endian raw data.</summary>
    public string Floats(string name, float[] values, params long[] dims)
    {
        long count = dims.Aggregate(1L, (p, d) => p * d);
        if (values.Length != count) throw new ArgumentException($"Initializer {name}: {values.Length} values for shape [{string.Join(", ", dims)}].", nameof(values));
        var tensor = new Proto.TensorProto { Name = name, DataType = (int)Proto.TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        if (BitConverter.IsLittleEndian) tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        else tensor.FloatData.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A one-dimensional int64 initializer (the shapes and axes that operators read as inputs).</summary>
    public string Int64s(string name, params long[] values)
    {
        var tensor = new Proto.TensorProto { Name = name, DataType = (int)Proto.TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A graph input or output: its name, element type and dimensions (a string is a symbolic size).</summary>
    public static Proto.ValueInfoProto Value(string name, Proto.TensorProto.Types.DataType type, string docString, params object[] dims)
    {
        var shape = new Proto.TensorShapeProto();
        foreach (object d in dims)
        {
            shape.Dim.Add(d switch
            {
                string symbol => new Proto.TensorShapeProto.Types.Dimension { DimParam = symbol },
                int size => new Proto.TensorShapeProto.Types.Dimension { DimValue = size },
                _ => throw new ArgumentException($"A dimension is a name or a size, not {d}.", nameof(dims)),
            });
        }
        return new Proto.ValueInfoProto
        {
            Name = name,
            DocString = docString,
            Type = new Proto.TypeProto { TensorType = new Proto.TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    public void Input(Proto.ValueInfoProto value) => _graph.Input.Add(value);

    public void Output(Proto.ValueInfoProto value) => _graph.Output.Add(value);

    /// <summary>A node of the default domain; an empty input name is an optional input left out.</summary>
    public void Node(string op, string name, IEnumerable<string> inputs, IEnumerable<string> outputs, params Proto.AttributeProto[] attributes)
    {
        var node = new Proto.NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
    }

    public static Proto.AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = Proto.AttributeProto.Types.AttributeType.Int, I = value };

    public static Proto.AttributeProto Attribute(string name, string value) =>
        new() { Name = name, Type = Proto.AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static Proto.AttributeProto Attribute(string name, IEnumerable<string> values)
    {
        var attribute = new Proto.AttributeProto { Name = name, Type = Proto.AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return attribute;
    }

    public static Proto.AttributeProto Attribute(string name, params long[] values)
    {
        var attribute = new Proto.AttributeProto { Name = name, Type = Proto.AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
