namespace CleanVisitors.Application.Visits.Commands.CreateVisit;

/// <summary>Names of the database constraints the visit handlers translate into conflicts.</summary>
public static class VisitConstraints
{
    public const string OneOpenVisitPerVisitor = "ix_visits_visitor_id_open";
}
