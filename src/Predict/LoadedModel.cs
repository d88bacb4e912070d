using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Volara.Predict;

/// <summary>
/// A model loaded onto one device, in evaluation mode: a TorchScript module or a TorchSharp module. One per worker;
/// forward passes run without gradients and return every output of the model, batch axis included.
/// </summary>
internal sealed class LoadedModel : IDisposable
{
    private readonly nn.Module module;

    private LoadedModel(nn.Module module, Device device)
    {
        this.module = module;
        Device = device;
    }

    /// <summary>The device the model's parameters live on; inputs go there.</summary>
    public Device Device { get; }

    /// <summary>Loads <paramref name="model"/> (and its checkpoint) onto <paramref name="device"/>.</summary>
    public static LoadedModel Load(TorchModel model, string taskName, string device)
    {
        var target = torch.device(device);
        nn.Module module;
        if (model.ModuleType is { } typeName)
        {
            module = CreateModule(taskName, typeName);
            module.load(model.SavePath);
        }
        else
        {
            module = torch.jit.load(model.SavePath, "cpu");
        }

        if (model.CheckpointFile is { } checkpoint)
        {
            LoadCheckpoint(module, checkpoint, taskName);
        }

        module.to(target);
        module.eval();
        return new LoadedModel(module, target);
    }

    /// <summary>Every output of one forward pass (a model returning one tensor has one output; a TorchScript tuple comes as a tuple).</summary>
    public Tensor[] Forward(Tensor input)
    {
        object result = module switch
        {
            jit.ScriptModule script => script.call(input),
            nn.Module<Tensor, Tensor> single => single.call(input),
            nn.Module<Tensor, Tensor[]> several => several.call(input),
            _ => throw new InvalidOperationException($"model {module.GetType().Name} is neither TorchScript nor a Module<Tensor, Tensor> or Module<Tensor, Tensor[]>"),
        };
        return result switch
        {
            Tensor tensor => [tensor],
            Tensor[] tensors => tensors,
            ITuple tuple => Flatten(Enumerable.Range(0, tuple.Length).Select(i => tuple[i])),
            IEnumerable items => Flatten(items),
            _ => throw new InvalidOperationException($"model returned a {result.GetType().Name}, not tensors"),
        };
    }

    public void Dispose() => module.Dispose();

    private static Tensor[] Flatten(IEnumerable items)
    {
        var tensors = new List<Tensor>();
        foreach (var item in items)
        {
            tensors.Add(item as Tensor ?? throw new InvalidOperationException($"model returned a {item?.GetType().Name ?? "null"} among its outputs, not a tensor"));
        }

        return [.. tensors];
    }

    private static nn.Module CreateModule(string taskName, string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: false) ?? FindLoaded(typeName)
            ?? throw new ArgumentException($"task '{taskName}': checkpoint.module_type '{typeName}' names no type that is loaded or loadable");
        if (!typeof(nn.Module<Tensor, Tensor>).IsAssignableFrom(type) && !typeof(nn.Module<Tensor, Tensor[]>).IsAssignableFrom(type))
        {
            throw new ArgumentException($"task '{taskName}': checkpoint.module_type '{typeName}' is not an nn.Module<Tensor, Tensor> or nn.Module<Tensor, Tensor[]>");
        }

        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException($"task '{taskName}': checkpoint.module_type '{typeName}' has no public parameterless constructor");
        }

        try
        {
            return (nn.Module)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException error) when (error.InnerException is { } inner)
        {
            throw new ArgumentException($"task '{taskName}': checkpoint.module_type '{typeName}' failed to construct: {inner.Message}", inner);
        }
    }

    private static Type? FindLoaded(string typeName)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!assembly.IsDynamic && assembly.GetType(typeName, throwOnError: false) is { } type)
            {
                return type;
            }
        }

        return null;
    }

    // PyTorch's torch.save writes a zip archive (or, in its legacy format, a bare pickle); anything else is taken to be
    // TorchSharp's own state format.
    private static void LoadCheckpoint(nn.Module module, string path, string taskName)
    {
        Span<byte> magic = stackalloc byte[2];
        using (var file = File.OpenRead(path))
        {
            magic = magic[..file.Read(magic)];
        }

        bool pyTorch = magic.Length == 2 && ((magic[0] == (byte)'P' && magic[1] == (byte)'K') || magic[0] == 0x80);
        try
        {
            if (!pyTorch)
            {
                module.load(path);
                return;
            }

            var table = PyTorchUnpickler.UnpickleStateDict(path);
            if (table["model_state_dict"] is Hashtable nested)
            {
                table = nested;
            }

            var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in table)
            {
                if (entry.Value is Tensor tensor)
                {
                    state[(string)entry.Key] = tensor;
                }
            }

            module.load_state_dict(state, strict: true);
        }
        catch (Exception error) when (error is not ArgumentException)
        {
            throw new ArgumentException($"task '{taskName}': checkpoint.checkpoint_file '{path}' could not be loaded into the model: {error.Message}", error);
        }
    }
}
