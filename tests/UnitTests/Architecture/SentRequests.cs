using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Mediator;

namespace CleanVisitors.UnitTests.Architecture;

/// <summary>
/// The mediator requests a method sends, read from its compiled code: the requests it takes as parameters (a controller
/// action that binds its command from the body) and the ones it constructs (<c>new GetVisitQuery(id)</c>), including in
/// its async state machine, where an <c>async</c> method's body lives.
/// </summary>
internal static class SentRequests
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(opCode => opCode.Value);

    public static bool IsRequest(Type type) => type is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(type);

    /// <summary>The requests <paramref name="method"/> takes or constructs.</summary>
    public static IReadOnlyList<Type> Of(MethodInfo method)
    {
        var bodies = new List<MethodBase> { method };
        if (method.GetCustomAttribute<AsyncStateMachineAttribute>()?.StateMachineType is { } stateMachine)
        {
            bodies.AddRange(stateMachine.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Where(m => m.Name.EndsWith("MoveNext", StringComparison.Ordinal)));
        }

        return method.GetParameters().Select(p => p.ParameterType)
            .Concat(bodies.SelectMany(Constructed))
            .Where(IsRequest)
            .Distinct()
            .ToList();
    }

    /// <summary>Every type whose constructor <paramref name="method"/> calls (<c>newobj</c>).</summary>
    public static IEnumerable<Type> Constructed(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var offset = 0; offset < il.Length;)
        {
            short value = il[offset++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[offset++]));
            }

            var opCode = OpCodesByValue[value];
            if (opCode == OpCodes.Newobj && method.Module.ResolveMethod(BitConverter.ToInt32(il, offset), typeArguments, methodArguments)?.DeclaringType is { } type)
            {
                yield return type;
            }

            offset += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, offset)),
                _ => 4,
            };
        }
    }
}
