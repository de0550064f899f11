public class Catalog {}
