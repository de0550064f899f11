public class Accounts {}
