namespace Core;
public record Order(int Id);
