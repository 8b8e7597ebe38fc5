using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>The spec's <c>modules</c> (the module paths of a PyTorch state_dict): what it accepts and every way it can be wrong.</summary>
public sealed class ModuleDiagnosticTests
{
    private const string Spec = Specs.SpecFile;

    /// <summary>The valid spec with an embedding, <paramref name="modules"/> on line 7 (it starts at column 3).</summary>
    private static string WithModules(string modules, string x = "\"encoding\": \"one-hot\", \"vocabulary\": \"words.txt\", \"embedding\": 2") => $$"""
        {
          "name": "Tagger",
          "a": { "size": 4, "cell": "gru" },
          "x": { {{x}} },
          "y": { "size": 1, "activation": "sigmoid" },
          "weights": "tagger.safetensors",
          {{modules}}
        }
        """;

    [Fact]
    public void Named_modules_generate_code_with_their_names()
    {
        DiagnosticRun run = Specs.Run(WithModules("\"modules\": { \"embedding\": \"encoder.embed\", \"rnn\": \"encoder.0.gru_1\", \"head\": \"fc\" }"))
            .Reports().Generates(Specs.TaggerSources);
        GeneratorHarness.CompileAndLoad(run.Output);
        string source = run.Output.Sources["RnnGen.Models.Tagger.g.cs"];
        Assert.Contains("new global::RnnGen.TensorInfo(\"encoder.0.gru_1.weight_ih_l0\"", source, System.StringComparison.Ordinal);
        Assert.Contains("file.RequireExact(Info.Tensors)", source, System.StringComparison.Ordinal);
        // The constructor's parameters keep the default names.
        Assert.Contains("global::System.ReadOnlySpan<float> rnnWeightIhL0,", source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_textbook_Elman_model_may_name_its_rnn_and_head()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors",
              "modules": { "rnn": "encoder.rnn", "head": "decoder" }
            }
            """;
        DiagnosticRun run = Specs.Run(spec).Reports().Generates(Specs.TaggerSources);
        GeneratorHarness.CompileAndLoad(run.Output);
        string source = run.Output.Sources["RnnGen.Models.Tagger.g.cs"];
        Assert.Contains("new global::RnnGen.TensorInfo(\"encoder.rnn.weight_hh_l0\"", source, System.StringComparison.Ordinal);
        Assert.Contains("file.RequireExact(PyTorchTensors)", source, System.StringComparison.Ordinal);
    }

    // ---- RNN0028 --------------------------------------------------------------------------

    [Fact]
    [Covers("RNN0028")]
    public void RNN0028_a_path_with_a_character_no_module_name_has_points_at_the_value()
    {
        Specs.Run(WithModules("\"modules\": { \"rnn\": \"encoder gru\" }")).Reports(Expected.At("RNN0028", Spec, 7, 23, 36,
            "modules.rnn 'encoder gru' has a space, but a path is names of ASCII letters, digits and '_' joined by '.'; "
            + "write the module's path as the weights file's names start, such as \"encoder.gru\" for encoder.gru.weight_ih_l0"))
            .GeneratesNothing();
        Specs.Run(WithModules("\"modules\": { \"rnn\": \"encoder/gru\" }")).Reports(Expected.At("RNN0028", Spec, 7, 23, 36,
            "modules.rnn 'encoder/gru' has '/', but a path is names of ASCII letters, digits and '_' joined by '.'; "
            + "write the module's path as the weights file's names start, such as \"encoder.gru\" for encoder.gru.weight_ih_l0"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0028")]
    public void RNN0028_an_empty_path_or_one_with_a_stray_dot()
    {
        Specs.Run(WithModules("\"modules\": { \"head\": \"\" }")).Reports(Expected.At("RNN0028", Spec, 7, 24, 26,
            "modules.head '' is empty; write the module's path as the weights file's names start, such as \"decoder.fc\" for decoder.fc.weight"))
            .GeneratesNothing();
        Specs.Run(WithModules("\"modules\": { \"head\": \"decoder.fc.\" }")).Reports(Expected.At("RNN0028", Spec, 7, 24, 37,
            "modules.head 'decoder.fc.' ends with '.'; the '.' before a tensor's own name is not part of the path; "
            + "write the module's path as the weights file's names start, such as \"decoder.fc\" for decoder.fc.weight"))
            .GeneratesNothing();
        Specs.Run(WithModules("\"modules\": { \"embedding\": \"encoder..embed\" }")).Reports(Expected.At("RNN0028", Spec, 7, 29, 45,
            "modules.embedding 'encoder..embed' has two '.' in a row; "
            + "write the module's path as the weights file's names start, such as \"encoder.embed\" for encoder.embed.weight"))
            .GeneratesNothing();
        Specs.Run(WithModules("\"modules\": { \"rnn\": \".gru\" }")).Reports(Expected.At("RNN0028", Spec, 7, 23, 29,
            "modules.rnn '.gru' starts with '.'; "
            + "write the module's path as the weights file's names start, such as \"encoder.gru\" for encoder.gru.weight_ih_l0"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0028")]
    public void RNN0028_a_path_that_ends_with_a_tensor_name_names_a_tensor_not_the_module()
    {
        Specs.Run(WithModules("\"modules\": { \"rnn\": \"encoder.gru.weight_ih_l0\" }")).Reports(Expected.At("RNN0028", Spec, 7, 23, 49,
            "modules.rnn 'encoder.gru.weight_ih_l0' ends with the tensor name 'weight_ih_l0'; give the path of the module, not of one of its tensors; "
            + "write the module's path as the weights file's names start, such as \"encoder.gru\" for encoder.gru.weight_ih_l0"))
            .GeneratesNothing();
        // A module may well be called 'weights' or 'bias_net': only the tensors' own names are refused.
        Specs.Run(WithModules("\"modules\": { \"rnn\": \"weights\", \"head\": \"bias_net\" }")).Reports();
    }

    // ---- RNN0029 --------------------------------------------------------------------------

    [Fact]
    [Covers("RNN0029")]
    public void RNN0029_an_embedding_path_on_a_model_without_an_embedding_points_at_the_name()
    {
        Specs.Run(WithModules("\"modules\": { \"embedding\": \"encoder.embed\" }", "\"encoding\": \"one-hot\", \"vocabulary\": \"words.txt\""))
            .Reports(Expected.At("RNN0029", Spec, 7, 16, 27,
                "modules.embedding names the path of an embedding (nn.Embedding), but this model has none: x.embedding is not set; remove modules.embedding"))
            .GeneratesNothing();
        Specs.Run(WithModules("\"modules\": { \"embedding\": \"encoder.embed\" }", "\"encoding\": \"dense\", \"size\": 3"))
            .Reports(Expected.At("RNN0029", Spec, 7, 16, 27,
                "modules.embedding names the path of an embedding (nn.Embedding), but this model has none: "
                + "its input is dense, and only one-hot input has an embedding; remove modules.embedding"))
            .GeneratesNothing();
    }

    // ---- RNN0030 --------------------------------------------------------------------------

    [Fact]
    [Covers("RNN0030")]
    public void RNN0030_two_modules_on_one_path_point_at_the_later_value()
    {
        Specs.Run(WithModules("\"modules\": { \"rnn\": \"model\", \"head\": \"model\" }")).Reports(Expected.At("RNN0030", Spec, 7, 40, 47,
            "modules.head 'model' is also the path of modules.rnn; each module's tensors need a prefix of their own, as in a PyTorch state_dict"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0030")]
    public void RNN0030_a_path_that_is_the_default_of_a_module_left_out()
    {
        Specs.Run(WithModules("\"modules\": { \"head\": \"embedding\" }")).Reports(Expected.At("RNN0030", Spec, 7, 24, 35,
            "modules.head 'embedding' is also the path of the module 'embedding', whose default path it is (modules leaves 'embedding' out); "
            + "each module's tensors need a prefix of their own, as in a PyTorch state_dict"))
            .GeneratesNothing();
        // Swapping two modules' paths is fine: each has a path of its own.
        Specs.Run(WithModules("\"modules\": { \"rnn\": \"head\", \"head\": \"rnn\" }")).Reports();
    }

    // ---- RNN0003, RNN0004, RNN0020 inside modules -----------------------------------------

    [Fact]
    [Covers("RNN0003")]
    public void RNN0003_an_unknown_module_lists_the_modules_or_suggests_the_swap()
    {
        Specs.Run(WithModules("\"modules\": { \"gru\": \"encoder.gru\" }")).Reports(Expected.At("RNN0003", Spec, 7, 16, 21,
            "Unknown property 'gru' in 'modules'; the properties allowed here are 'embedding', 'rnn', 'head'"))
            .GeneratesNothing();
        Specs.Run(WithModules("\"modules\": { \"rnns\": \"encoder.gru\" }")).Reports(Expected.At("RNN0003", Spec, 7, 16, 22,
            "Unknown property 'rnns' in 'modules'; did you mean 'rnn'?"))
            .GeneratesNothing();
        Specs.Run(WithModules("\"modules\": { \"encoder.gru\": \"rnn\" }")).Reports(Expected.At("RNN0003", Spec, 7, 16, 29,
            "Unknown property 'encoder.gru' in 'modules'; the keys are the modules ('embedding', 'rnn', 'head') and the values their paths: "
            + "write \"rnn\": \"encoder.gru\""))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0004")]
    public void RNN0004_modules_is_an_object_of_strings()
    {
        Specs.Run(WithModules("\"modules\": \"encoder\"")).Reports(Expected.At("RNN0004", Spec, 7, 14, 23,
            "'modules' must be an object such as { \"rnn\": \"encoder.gru\" }, but it is a string"))
            .GeneratesNothing();
        Specs.Run(WithModules("\"modules\": { \"rnn\": 1 }")).Reports(Expected.At("RNN0004", Spec, 7, 23, 24,
            "modules.rnn must be a string, but it is a number"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0020")]
    public void RNN0020_a_module_named_twice()
    {
        Specs.Run(WithModules("\"modules\": { \"rnn\": \"a\", \"rnn\": \"b\" }")).Reports(Expected.At("RNN0020", Spec, 7, 28, 33,
            "The property 'rnn' appears twice in 'modules'; remove one of them"))
            .GeneratesNothing();
    }
}
