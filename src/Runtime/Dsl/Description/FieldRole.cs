namespace Volara.Runtime.Dsl.Description;

/// <summary>What a configuration field is to its task.</summary>
public enum FieldRole
{
    /// <summary>A <c>[Parameter]</c>, or any other configured property.</summary>
    Parameter,

    /// <summary>An <c>[Input]</c> dataset.</summary>
    Input,

    /// <summary>An <c>[Output]</c> dataset, or a list of them.</summary>
    Output,

    /// <summary>The <c>[BlockSize]</c>.</summary>
    BlockSize,

    /// <summary>The <c>[Context]</c>.</summary>
    Context,

    /// <summary>The <c>[WriteRoi]</c>.</summary>
    WriteRoi,

    /// <summary>The execution options every task has.</summary>
    Execution,
}
