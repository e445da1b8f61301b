// The end-to-end tests drive the ./archlab wrapper, which builds when sources changed and runs real processes:
// two at once would build over each other and share two cores between their runs.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
