public class OrderTests {}
