using System.Linq.Expressions;

namespace CleanVisitors.Application.Common.Models;

/// <summary>Replaces one parameter of an expression tree with another expression.</summary>
internal sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
}
