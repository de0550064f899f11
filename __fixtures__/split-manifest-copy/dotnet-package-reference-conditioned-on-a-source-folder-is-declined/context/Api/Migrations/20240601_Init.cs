public partial class Init {}
